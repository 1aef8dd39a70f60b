/**
 * The registry pages' stylesheet: readable on phones, tablets and laptops, WCAG AA contrast (text #1f2933 on white,
 * links #0b5394, muted #52606d), visible focus, Noto Sans SC / system fonts for Chinese.
 */
export const REGISTRY_CSS = `
:root { color-scheme: light; --text: #1f2933; --muted: #52606d; --line: #d9e2ec; --accent: #2f6f4f; --link: #0b5394; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--text); background: #fff; line-height: 1.5; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
header.site { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; justify-content: space-between; padding: 0.75rem 1.25rem; border-bottom: 1px solid var(--line); }
header.site .home { font-weight: 700; color: var(--accent); text-decoration: none; }
header.site nav { display: flex; gap: 1rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; }
footer { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem; color: var(--muted); border-top: 1px solid var(--line); font-size: 0.9rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
.muted { color: var(--muted); font-size: 0.9rem; }
.subtitle { margin: 0; color: var(--muted); }
form.search { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: 0.75rem; align-items: end; margin: 1rem 0; }
form.search .wide { grid-column: 1 / -1; }
form.search label { display: flex; flex-direction: column; gap: 0.25rem; font-size: 0.9rem; }
form.search label.check { flex-direction: row; align-items: center; gap: 0.5rem; }
input, select, button { font: inherit; padding: 0.4rem 0.5rem; border: 1px solid #9aa5b1; border-radius: 4px; background: #fff; color: var(--text); }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
table { width: 100%; border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { text-align: left; padding: 0.45rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.number { text-align: right; white-space: nowrap; }
table.split tr.part th { padding-left: 1.5rem; font-weight: normal; }
table.split tr.total th, table.split tr.total td { font-weight: 700; border-top: 2px solid var(--text); }
.value { margin: 1rem 0; font-size: 1.1rem; }
.value .big { font-size: 2.4rem; font-weight: 700; color: var(--accent); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.badge { display: inline-block; padding: 0.05rem 0.45rem; border-radius: 999px; font-size: 0.85rem; border: 1px solid currentColor; }
.badge-third-party, .badge-certified { color: #1e6b3a; }
.badge-self-declared { color: #8a4b00; }
.status-superseded, .status-withdrawn { color: #a61b1b; font-weight: 600; }
.warning { color: #a61b1b; font-weight: 600; }
.cautions { background: #fff8e1; border: 1px solid #f0b429; border-radius: 6px; padding: 0.5rem 1rem; }
.pages { display: flex; gap: 1rem; justify-content: center; margin: 1rem 0; }
img.chart { max-width: 100%; height: auto; }
pre { background: #f5f7fa; padding: 0.5rem; overflow-x: auto; }
@media (max-width: 48rem) {
  table.results thead { display: none; }
  table.results tr { display: block; border-bottom: 1px solid var(--line); padding: 0.5rem 0; }
  table.results td { display: block; border: 0; padding: 0.15rem 0; text-align: left; }
}
`;
