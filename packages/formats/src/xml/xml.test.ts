import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { FormatError } from '../errors.js';
import { decodeXml } from './decode-xml.js';
import { parseXml, streamXml } from './parse-xml.js';
import { attr, child, children, localized, path, textOf, type XmlElement } from './xml-element.js';

const code = (c: string) => (e: unknown) => e instanceof FormatError && e.code === c;

test('parseXml builds a tree with local names, attributes, text and namespaces', () => {
  const root = parseXml(
    `<?xml version="1.0"?><ecoSpold xmlns="http://www.EcoInvent.org/EcoSpold02" xmlns:x="urn:x">
      <activity id="a1" x:extra="y"><name xml:lang="en">Steel &amp; iron</name><name xml:lang="de">Stahl</name></activity>
      <activity id="a2"><![CDATA[<raw>]]></activity></ecoSpold>`,
    't.xml',
  );
  assert.equal(root.name, 'ecoSpold');
  assert.equal(root.namespace, 'http://www.EcoInvent.org/EcoSpold02');
  const [a1, a2] = children(root, 'activity');
  assert.equal(attr(a1, 'id'), 'a1');
  assert.equal(attr(a1, 'extra'), 'y');
  assert.equal(localized(children(a1, 'name'), 'en'), 'Steel & iron');
  assert.equal(localized(children(a1, 'name'), 'de'), 'Stahl');
  assert.equal(a2.text, '<raw>');
  assert.equal(textOf(root, 'activity', 'name'), 'Steel & iron');
  assert.equal(path(root, 'activity', 'missing'), undefined);
  assert.equal(child(undefined, 'x'), undefined);
});

test('streamXml hands over selected subtrees one at a time', () => {
  const seen: XmlElement[] = [];
  streamXml(
    ['<db><dataset n="1"><x>1</x></data', 'set><other/><dataset n="2"/></db>'],
    'db.xml',
    (names) => names.length === 2 && names[1] === 'dataset',
    (e) => seen.push(e),
  );
  assert.deepEqual(
    seen.map((e) => [e.attributes.n, e.children.length]),
    [
      ['1', 1],
      ['2', 0],
    ],
  );
});

test('streamXml without namespace resolution keeps local names and drops namespace declarations', () => {
  const seen: XmlElement[] = [];
  streamXml(
    '<e:root xmlns:e="urn:e" xmlns="urn:d"><e:item xml:lang="en" e:id="1" plain="2">x</e:item></e:root>',
    'ns.xml',
    (names) => names.length === 2,
    (e) => seen.push(e),
    undefined,
    { namespaces: false },
  );
  assert.equal(seen.length, 1);
  assert.equal(seen[0].name, 'item');
  assert.equal(seen[0].namespace, '');
  assert.deepEqual(seen[0].attributes, { lang: 'en', id: '1', plain: '2' });
  assert.equal(seen[0].text, 'x');
});

test('malformed, hostile and empty XML gives one clear FormatError', () => {
  assert.throws(() => parseXml('<a><b></a>', 'bad.xml'), code('INVALID_XML'));
  assert.throws(() => parseXml('<a>', 'truncated.xml'), code('INVALID_XML'));
  assert.throws(
    () => parseXml('', 'empty.xml'),
    (e: unknown) => e instanceof FormatError,
  );
  assert.throws(() => parseXml('<a>'.repeat(500) + '</a>'.repeat(500), 'deep.xml'), code('XML_TOO_DEEP'));
  // Entity expansion ("billion laughs") is not performed: an undeclared entity is an error, nothing grows.
  const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><l>&b;</l>`;
  assert.throws(() => parseXml(laughs, 'laughs.xml'), code('INVALID_XML'));
  assert.throws(() => parseXml('<a/>', 'x.xml', { maxDepth: 10, maxElements: 0 }), code('XML_TOO_LARGE'));
});

test('decodeXml honours BOMs and the declared encoding, including GBK Chinese text', () => {
  const chinese = '<?xml version="1.0" encoding="GBK"?><name>锂离子电池</name>';
  const gbk = iconv.encode(chinese, 'gbk');
  const decoded = decodeXml(gbk, 'gbk.xml');
  assert.equal(decoded.encoding, 'gbk');
  assert.equal(parseXml(decoded.text, 'gbk.xml').text, '锂离子电池');
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>é</a>')]);
  assert.equal(decodeXml(bom, 'bom.xml').text, '<a>é</a>');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>電</a>', 'utf16le')]);
  assert.equal(decodeXml(utf16, 'u16.xml').text, '<a>電</a>');
  const latin1 = iconv.encode('<?xml version="1.0" encoding="ISO-8859-1"?><a>Größe</a>', 'latin1');
  assert.match(decodeXml(latin1, 'l1.xml').text, /Größe/);
});

test('bytes that do not fit the declared encoding are an error, not mojibake', () => {
  // GBK bytes in a file that declares nothing (so UTF-8): invalid UTF-8.
  const gbkUndeclared = iconv.encode('<name>锂离子电池</name>', 'gbk');
  assert.throws(() => decodeXml(gbkUndeclared, 'x.xml'), code('INVALID_ENCODING'));
  assert.throws(
    () => decodeXml(Buffer.from('<?xml version="1.0" encoding="klingon"?><a/>'), 'k.xml'),
    code('UNKNOWN_ENCODING'),
  );
  const truncatedGbk = Buffer.concat([
    Buffer.from('<?xml version="1.0" encoding="GBK"?><a>'),
    Buffer.from([0xc0]),
  ]);
  assert.throws(() => decodeXml(truncatedGbk, 't.xml'), code('INVALID_ENCODING'));
});
