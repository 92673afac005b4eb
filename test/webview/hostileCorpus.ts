// Model outputs that try to run code or load something in the chat panel. Every payload that
// could execute sets `window.__pwned` (or opens a dialog); every remote load targets EVIL, a
// loopback server that counts hits. `visible` is text the user must still see (as text).

export interface HostileAnswer {
  name: string;
  text: string;
  thinking?: string;
  visible?: string[];
}

export function hostileCorpus(EVIL: string): HostileAnswer[] {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return [
    { name: 'script tag', text: 'Here:\n\n<script>window.__pwned = "script"; alert(1)</script>\n\ndone', visible: ['<script>window.__pwned'] },
    { name: 'inline script in a paragraph', text: 'Use <script>window.__pwned="inline"</script> carefully.', visible: ['Use <script>'] },
    { name: 'img onerror', text: '<img src=x onerror="window.__pwned=\'img\'">', visible: ['<img src=x onerror'] },
    { name: 'img onerror inline', text: 'see <img src="x" onerror="alert(2)"> here' },
    { name: 'svg onload', text: '<svg onload="window.__pwned=\'svg\'"><circle r="10"/></svg>' },
    { name: 'svg script', text: '<svg><script>window.__pwned="svg-script"</script></svg>' },
    { name: 'svg animate href', text: `<svg><a><animate attributeName="href" values="javascript:window.__pwned='anim'"/><text y="20">click</text></a></svg>` },
    { name: 'math mXSS', text: '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=\'mxss\'">' },
    { name: 'noscript mXSS', text: '<noscript><p title="</noscript><img src=x onerror=window.__pwned=\'noscript\'>">' },
    { name: 'javascript link (markdown)', text: '[click me](javascript:window.__pwned="mdlink")', visible: ['click me'] },
    { name: 'javascript link, mixed case', text: '[case](JaVaScRiPt:alert(1))' },
    { name: 'javascript link, entity-encoded', text: '[ent](&#106;avascript:alert(1)) and [tab](java&#x09;script:alert(1)) and [nl](java\nscript:alert(1))' },
    { name: 'javascript link, percent and control chars', text: '[pct](%6Aavascript:alert(1)) [ctl](\u0001javascript:alert(1)) [sp]( javascript:alert(1))' },
    { name: 'javascript link (html)', text: '<a href="javascript:window.__pwned=\'a\'">html link</a>' },
    { name: 'javascript autolink', text: '<javascript:alert(1)> and <vbscript:msgbox(1)>' },
    { name: 'javascript reference link', text: '[ref link][r]\n\n[r]: javascript:alert(1)' },
    { name: 'javascript link disguised as file ref', text: '[f](javascript:alert(1)//a.ts:1)' },
    { name: 'data link', text: `[data](data:text/html;base64,${b64('<script>alert(1)</script>')})`, visible: ['data'] },
    { name: 'data image', text: `![svg](data:image/svg+xml;base64,${b64('<svg onload="alert(1)"/>')})` },
    { name: 'other schemes', text: '[cmd](command:workbench.action.terminal.new) [file](file:///etc/passwd) [vb](vbscript:msgbox(1)) [mail](mailto:a@b.c) [rel](//evil.invalid/x)' },
    { name: 'iframe', text: `<iframe src="${EVIL}/iframe" srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>` },
    { name: 'object and embed', text: `<object data="${EVIL}/object"></object><embed src="${EVIL}/embed">` },
    { name: 'form', text: `<form action="${EVIL}/form"><input name="q" autofocus onfocus="window.__pwned='form'"><button formaction="${EVIL}/fa">go</button></form>` },
    { name: 'style tag', text: `<style>@import url(${EVIL}/import.css); body { background: url(${EVIL}/style-bg.png) }</style>` },
    { name: 'style attribute', text: `<div style="background-image:url(${EVIL}/inline-style.png)">styled</div>\n\n<p style="position:fixed;inset:0">overlay</p>` },
    { name: 'link and meta and base', text: `<link rel="stylesheet" href="${EVIL}/link.css"><link rel="prefetch" href="${EVIL}/prefetch"><meta http-equiv="refresh" content="0;url=${EVIL}/refresh"><base href="${EVIL}/">` },
    { name: 'remote image in a link', text: `<a href="${EVIL}/link"><img src="${EVIL}/img-in-link.png"></a>` },
    { name: 'markdown images', text: `![remote image](${EVIL}/md-image.png)\n\n![titled](${EVIL}/b.png "title")\n\n![ref image][img]\n\n[img]: ${EVIL}/ref.png\n\n[![badge](${EVIL}/badge.svg)](${EVIL}/target)`, visible: ['[image: remote image]'] },
    { name: 'media tags', text: `<video src="${EVIL}/v.mp4" autoplay onloadstart="window.__pwned='video'"></video><audio src="x" onerror="window.__pwned='audio'"></audio><video><source onerror="window.__pwned='source'"></video>` },
    { name: 'event handlers on harmless tags', text: '<details open ontoggle="window.__pwned=\'details\'"><summary>s</summary>x</details><body onload="window.__pwned=\'body\'"><marquee onstart="window.__pwned=\'marquee\'">m</marquee><div onmouseover="window.__pwned=\'hover\'">hover</div>' },
    { name: 'link title breakout', text: '[x](http://example.com "a\\" onmouseover=\\"window.__pwned=\'title\'")' },
    { name: 'broken markdown', text: '**unclosed *emphasis [link](http://a\n\n<scr<script>ipt>window.__pwned="split"</script>\n\n<<script>script>alert(1)<</script>/script>\n\n<!-- <img src=x onerror=alert(1)> -->\n\n<img src=x onerror=alert(1)//' },
    { name: 'html entities', text: '&lt;script&gt;window.__pwned="entity"&lt;/script&gt; and &#60;img src=x onerror=alert(1)&#62; and &amp;lt;b&amp;gt;', visible: ['<script>window.__pwned="entity"</script>'] },
    { name: 'nested fences', text: '````md\n```html\n<script>window.__pwned="fence"</script>\n<img src=x onerror=alert(1)>\n```\n````\n\nand an unclosed one:\n\n```html\n<script>window.__pwned="unclosed"</script>', visible: ['<script>window.__pwned="fence"</script>'] },
    { name: 'hostile fence info', text: '```"><img src=x onerror=window.__pwned="info">\ncode\n```\n\n```js" onclick="alert(1)\nx\n```' },
    { name: 'template and portal', text: '<template><script>window.__pwned="template"</script></template><portal src="x"></portal>' },
    { name: 'hostile thinking', text: 'answer', thinking: '<img src=x onerror="window.__pwned=\'thinking\'"><script>alert(1)</script>', visible: ['<img src=x onerror'] },
    { name: 'css class spoofing', text: '<span class="codicon codicon-error badge">fake badge</span>' },
    { name: 'dom clobbering', text: '<a id="app" name="__posted">clobber</a><form name="acquireVsCodeApi"></form><img name="getElementById">' },
  ];
}
