import type { ContactWay, Employee } from './world/types'

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

/** What a phone shows after scanning a 「联系我」 QR: a button that performs the scan through POST /sim/scan. */
export function scanPage(way: ContactWay, members: Employee[]): string {
  const names = members.map((m) => escapeHtml(m.name)).join('、') || '（无可用成员）'
  const config = JSON.stringify({ configId: way.configId }).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>扫码添加</title>
<style>body{font-family:system-ui,sans-serif;max-width:420px;margin:40px auto;padding:0 16px;color:#222}
button{width:100%;padding:12px;font-size:16px;background:#07c160;color:#fff;border:0;border-radius:6px}
input{width:100%;padding:10px;margin:8px 0 16px;box-sizing:border-box}.muted{color:#888;font-size:13px}
pre{background:#f5f5f5;padding:8px;white-space:pre-wrap;word-break:break-all}</style></head>
<body><h1>扫码添加</h1>
<p>添加企业微信成员为联系人：<b>${names}</b></p>
<p class="muted">渠道 state：${escapeHtml(way.state) || '（无）'} · ${escapeHtml(way.remark)}</p>
<label>你的微信昵称（可选）<input id="name" placeholder="留空则随机生成"></label>
<button id="add">添加到通讯录</button>
<pre id="out" hidden></pre>
<script>
const config = ${config};
document.getElementById('add').onclick = async () => {
  const name = document.getElementById('name').value.trim();
  const res = await fetch('/sim/scan', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...config, ...(name ? { customer: { name } } : {}) }) });
  const out = document.getElementById('out');
  out.hidden = false;
  out.textContent = res.ok ? '已添加 ✓\\n' + JSON.stringify(await res.json(), null, 2) : '失败：' + await res.text();
};
</script></body></html>`
}

const PALETTE = ['#5b8ff9', '#5ad8a6', '#f6bd16', '#e8684a', '#6dc8ec', '#9270ca', '#ff9d4d', '#269a99']

/** A generated avatar (coloured disc with the first character), so seeded customers need no image data. */
export function avatarSvg(seed: string, name: string): string {
  let hash = 0
  for (const ch of seed) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  const initial = escapeHtml([...name][0] ?? '?')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">` +
    `<circle cx="50" cy="50" r="50" fill="${PALETTE[hash % PALETTE.length]}"/>` +
    `<text x="50" y="50" dy=".35em" text-anchor="middle" font-size="44" fill="#fff" font-family="sans-serif">${initial}</text></svg>`
}
