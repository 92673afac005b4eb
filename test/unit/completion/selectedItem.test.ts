// The suggest widget is open on an item: the inline completion must extend that item over its
// range (VS Code's contract for selectedCompletionInfo), and the model sees the document as it
// would be with the item inserted.
import * as assert from 'node:assert/strict';
import { extendItem, requestWithItem } from '../../../src/core/completion/selectedItem';
import { requestFromText } from '../../../src/core/completion/types';

describe('a completion extending the suggest widget\'s selected item', () => {
  it('asks the model after the item, and shows the item followed by the suggestion over its range', () => {
    // "console.lo|g;" with the widget on ".log", which replaces ".lo" before the cursor and "g" after it.
    const text = 'function f() {\n  console.log;\n}\n';
    const offset = text.indexOf('g;');
    const typed = requestFromText({ filePath: 'a.ts', languageId: 'typescript', text, offset, documentVersion: 3 });
    typed.cursorLine = 1;
    const item = { text: '.log', replacedBefore: 3, replacedAfter: 1 };
    const req = requestWithItem(typed, item);
    assert.ok(req.prefix.endsWith('  console.log'), 'the model continues after the selected item');
    assert.ok(req.suffix.startsWith(';\n}'), 'the replaced text after the cursor is gone');
    assert.equal(req.cursorLine, 1);
    assert.equal(req.documentVersion, 3);
    const shown = extendItem(item, '("hi")');
    assert.ok(shown.startsWith(item.text), 'VS Code shows only completions that start with the selected item');
    assert.equal(shown, '.log("hi")');
  });

  it('counts the lines of a multi-line item for the cursor line', () => {
    const typed = requestFromText({ filePath: 'a.py', languageId: 'python', text: 'def f():\n    ret', offset: 16, documentVersion: 1 });
    typed.cursorLine = 1;
    const req = requestWithItem(typed, { text: 'return (\n        ', replacedBefore: 3, replacedAfter: 0 });
    assert.equal(req.cursorLine, 2);
    assert.equal(req.prefix, 'def f():\n    return (\n        ');
  });
});
