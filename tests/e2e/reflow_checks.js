// What is wrong with the page at this width, in words (run by test_reflow.py).
() => {
  const problems = [];
  const W = window.innerWidth;
  const doc = document.documentElement;
  if (doc.scrollWidth > W) problems.push(`the page is ${doc.scrollWidth} px wide in a ${W} px window`);
  const text = (el) => (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50);
  const label = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    return (el.getAttribute('aria-label') || ids.map((id) => text(document.getElementById(id) || el)).join(' ')).trim();
  };
  for (const table of document.querySelectorAll('main table')) {
    const region = table.closest('[role=region]');
    if (!region || region.getAttribute('tabindex') !== '0' || !label(region)
        || !['auto', 'scroll'].includes(getComputedStyle(region).overflowX))
      problems.push(`table "${text(table)}" is not in a labelled scroll region`);
  }
  for (const a of document.querySelectorAll('.koers-nav a')) {
    const r = a.getBoundingClientRect();
    if (r.left < 0 || r.right > W) problems.push(`nav item "${text(a)}" is cut off`);
  }
  for (const h of document.querySelectorAll('main h1, main h2, main h3, main h4')) {
    if (h.scrollWidth > h.clientWidth + 1) problems.push(`heading "${text(h)}" overflows its box`);
  }
  for (const svg of document.querySelectorAll('main svg')) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        problems.push(`chart text "${text(t)}" is cut off`);
    }
  }
  for (const key of document.querySelectorAll('main .koers-key')) {
    const item = key.closest('.koers-chartkey__item');
    if (!item || !text(item)) problems.push('a chart key swatch is apart from its label');
  }
  for (const el of document.querySelectorAll('main form :invalid')) {
    problems.push(`field ${el.name || el.id} shows as invalid before any input`);
  }
  return problems;
}
