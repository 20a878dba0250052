// The browser's search tokeniser (themes/default/static/tokens.js) on the
// shared test vectors, with the folding table the index would carry for
// them (written by tests/tokenizer.rs from the Rust side).
//
//   node tests/browser/tokens.mjs TOKENS_JS VECTORS_JSON FOLD_JSON
import fs from "node:fs";
import { createRequire } from "node:module";

const [tokensJs, vectorsJson, foldJson] = process.argv.slice(2);
const T = createRequire(import.meta.url)(tokensJs);
const vectors = JSON.parse(fs.readFileSync(vectorsJson, "utf8"));
const table = JSON.parse(fs.readFileSync(foldJson, "utf8"));

let passed = 0, failed = 0;
for (const { text, tokens } of vectors) {
  const got = T.tokens(T.fold(text, table));
  if (JSON.stringify(got) === JSON.stringify(tokens)) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${JSON.stringify(text)}: expected ${JSON.stringify(tokens)}, got ${JSON.stringify(got)}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
