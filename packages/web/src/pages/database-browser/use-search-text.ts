import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/** How long typing pauses before the search is sent, in ms. */
export const SEARCH_DELAY_MS = 250;

/**
 * The text of a search box kept in the URL (`?q=`): the box follows the URL (back, forward, a shared link) and sends
 * its text there once typing pauses, replacing the history entry (one entry per search, not per key) and going back
 * to the first page. Returns the box's text, its setter and the search in the URL (what to ask the server).
 *
 * @example const [text, setText, search] = useSearchText(); <input value={text} onChange={(e) => setText(e.target.value)} />
 */
export function useSearchText(): [text: string, setText: (text: string) => void, search: string] {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const [text, setText] = useState(search);
  const [followed, setFollowed] = useState(search);
  if (followed !== search) {
    // the URL changed (back/forward, a link): show its search (React's "adjust state on a prop change")
    setFollowed(search);
    setText(search);
  }
  useEffect(() => {
    if (text === search) return;
    const timer = setTimeout(
      () =>
        setParams(
          (previous) => {
            const next = new URLSearchParams(previous);
            if (text) next.set('q', text);
            else next.delete('q');
            next.delete('page');
            return next;
          },
          { replace: true },
        ),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [text, search, setParams]);
  return [text, setText, search];
}
