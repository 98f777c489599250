/**
 * Stands in for `xml-js` inside the Lambda bundles (an esbuild alias, see BUNDLE_SETTINGS in
 * infra/entente-function.ts).
 *
 * Why: the `feed` package only calls `js2xml`, but `xml-js`'s index also loads its XML
 * parser and `sax` (about 27 KB minified, parsed at every cold start). This module exposes
 * the same writer from the same package, so the feeds' bytes do not change.
 */
import type { js2xml as Js2Xml } from 'xml-js';
// A path, not `xml-js/lib/js2xml.js`: the alias maps every `xml-js/...` specifier to this
// file. The project root (with node_modules) is esbuild's input in the CDK's bundling too.
// @ts-expect-error xml-js ships no types for its lib/ files; the signature is its index's.
import js2xmlImpl from '../../node_modules/xml-js/lib/js2xml.js';

/** `xml-js`'s `js2xml`, unchanged. */
export const js2xml: typeof Js2Xml = js2xmlImpl;
