// Kizuna chart tips: shows the value of the bar, point or tile under the pointer in a small box,
// from the <title> each chart gives its marks (which browsers show late and small by themselves).
// The tables under the charts carry the same figures for keyboards and screen readers.
(() => {
  function start(figure) {
    if (figure.hasAttribute('data-tips-started')) return; // never twice on one element
    figure.setAttribute('data-tips-started', '');
    const marks = [];
    for (const title of figure.querySelectorAll('svg title')) {
      const mark = title.parentElement;
      if (!mark || mark.tagName.toLowerCase() === 'svg') continue; // the chart's own name
      mark.setAttribute('data-tip', title.textContent || '');
      title.remove(); // one tip, not the browser's as well
      marks.push(mark);
    }
    if (marks.length === 0) return;
    const tip = document.createElement('div');
    tip.className = 'chart-tip';
    tip.setAttribute('role', 'tooltip');
    tip.hidden = true;
    figure.style.position = 'relative';
    figure.appendChild(tip);
    figure.addEventListener('pointermove', (event) => {
      const mark = event.target instanceof Element ? event.target.closest('[data-tip]') : null;
      if (!mark || !figure.contains(mark)) {
        tip.hidden = true;
        return;
      }
      tip.textContent = mark.getAttribute('data-tip');
      tip.hidden = false;
      const box = figure.getBoundingClientRect();
      const x = Math.min(event.clientX - box.left + 12, box.width - tip.offsetWidth - 4);
      tip.style.left = `${Math.max(0, x)}px`;
      tip.style.top = `${Math.max(0, event.clientY - box.top - tip.offsetHeight - 8)}px`;
    });
    figure.addEventListener('pointerleave', () => (tip.hidden = true));
  }
  const startAll = () => document.querySelectorAll('figure.chart').forEach(start);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startAll);
  else startAll();
})();
