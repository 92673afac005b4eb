// A fenced code block from an answer: highlighted code plus Copy / Insert at cursor / Apply to
// file buttons that post the code to the host. The code travels as the raw text from the fence.
import { post } from './api';
import { button, h } from './dom';
import { parseFence } from './fence';
import { highlight } from './highlight';
import { announce } from './announce';

export interface CodeSource {
  code: string;
  info: string;
}

function flash(b: HTMLButtonElement, message: string): void {
  const glyph = b.querySelector('.codicon');
  glyph?.classList.add('codicon-check');
  announce(message);
  setTimeout(() => glyph?.classList.remove('codicon-check'), 1500);
}

export function buildCodeBlock(source: CodeSource, final: boolean): HTMLElement {
  const { language, pathHint } = parseFence(source.info, source.code);
  const code = source.code;
  const codeEl = h('code');
  const highlighted = highlight(code, language, final);
  if (highlighted) {
    codeEl.className = `hljs language-${highlighted.language}`;
    codeEl.append(highlighted.fragment);
  } else {
    codeEl.textContent = code;
  }
  const shownLanguage = highlighted?.language ?? language;
  const where = [shownLanguage, pathHint].filter(Boolean).join(' · ');
  const toolbar = h('div', { class: 'code-toolbar' },
    h('span', { class: 'code-label' }, where || 'code'),
    h('span', { class: 'code-actions' },
      button({ label: 'Copy code', icon: 'copy' }, (e) => {
        post('copyCode', { code, language: shownLanguage });
        flash(e.currentTarget as HTMLButtonElement, 'Code copied');
      }),
      button({ label: 'Insert code at cursor', icon: 'insert' }, (e) => {
        post('insertCode', { code, language: shownLanguage });
        flash(e.currentTarget as HTMLButtonElement, 'Code inserted');
      }),
      button({ label: pathHint ? `Apply code to ${pathHint}` : 'Apply code to a file', icon: 'git-pull-request-go-to-changes' }, () => {
        post('applyCode', pathHint ? { code, language: shownLanguage, pathHint } : { code, language: shownLanguage });
      }),
    ),
  );
  return h('div', { class: 'code-block', role: 'group', 'aria-label': `Code block${where ? `, ${where}` : ''}` },
    toolbar,
    h('pre', { tabindex: '0' }, codeEl),
  );
}

