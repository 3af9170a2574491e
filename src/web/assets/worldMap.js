// Kizuna world map: enhances <figure data-world-map data-src="/map/data.json"> that already holds the
// server-rendered SVG (src/web/map/worldMap.ts). It draws every link on a canvas over the SVG, lights up
// a country's links (<select data-map-country>, values alpha-2) or a place's (hover, click), shows the
// place's name on hover and announces the selection in [data-map-status] (aria-live="polite").
// Optional: data-one / data-other on the status element ("{name}: {count} links"), data-cleared, and
// data-highlight-place="<place id>" on the figure to start with a place selected. Escape clears.
(() => {
  'use strict';
  const BEND = 0.15; // same as ARC_BEND in worldMap.ts
  const LINK = '#1f56c2';
  const HIGH = '#c2410c';
  const LAND_SELECTED = '#fcd9c2';
  const CELL = 8; // grid index cell, in map units

  function start(fig) {
    if (fig.hasAttribute('data-map-started')) return; // never twice on one element
    fig.setAttribute('data-map-started', '');
    const svg = fig.querySelector('svg');
    const src = fig.getAttribute('data-src');
    if (!svg || !src) return;
    fetch(src)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))))
      .then((data) => setup(fig, svg, data))
      .catch((e) => console.warn('world map:', e)); // the server SVG stays as it is
  }

  function setup(fig, svg, data) {
    const find = (sel) => fig.querySelector(sel) || document.querySelector(sel);
    const select = find('select[data-map-country]');
    const status = find('[data-map-status]');
    const W = data.width;
    const H = data.height;
    const places = data.places;
    const n = places.length;
    const m = data.links.length;
    const xs = new Float32Array(n);
    const ys = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = places[i].x;
      ys[i] = places[i].y;
    }
    // Arcs that cross the map's edge, drawn in two pieces the server gives: [link, 12 numbers].
    const crossing = new Array(m);
    for (const c of data.crossings || []) crossing[c[0]] = c;
    // Link ends, west end first (as the server draws them), and which places have links.
    const la = new Int32Array(m);
    const lb = new Int32Array(m);
    const linked = new Uint8Array(n);
    const all = new Int32Array(m);
    for (let j = 0; j < m; j++) {
      const [a, b] = data.links[j];
      if (xs[a] <= xs[b]) (la[j] = a), (lb[j] = b);
      else (la[j] = b), (lb[j] = a);
      linked[a] = linked[b] = 1;
      all[j] = j;
    }

    // Grid index of the linked places (counting sort into cells) for the nearest one under the pointer.
    const cols = Math.ceil(W / CELL);
    const rows = Math.ceil(H / CELL);
    const cellOf = (x, y) => Math.min(cols - 1, (x / CELL) | 0) + cols * Math.min(rows - 1, (y / CELL) | 0); // x, y ≥ 0
    const cellStart = new Int32Array(cols * rows + 1);
    for (let i = 0; i < n; i++) if (linked[i]) cellStart[cellOf(xs[i], ys[i]) + 1]++;
    for (let c = 0; c < cols * rows; c++) cellStart[c + 1] += cellStart[c];
    const fill = cellStart.slice(0, -1);
    const cellItems = new Int32Array(cellStart[cols * rows]);
    for (let i = 0; i < n; i++) if (linked[i]) cellItems[fill[cellOf(xs[i], ys[i])]++] = i;

    // Two canvases over the SVG: every link, and the highlighted links on top.
    if (getComputedStyle(fig).position === 'static') fig.style.position = 'relative';
    const add = (tag, css) => {
      const el = fig.appendChild(document.createElement(tag));
      el.setAttribute('aria-hidden', 'true');
      el.style.cssText = 'position:absolute;' + css;
      return el;
    };
    const base = add('canvas', 'pointer-events:none');
    const over = add('canvas', '');
    const tip = add(
      'div',
      'pointer-events:none;z-index:1;background:#1b1b1b;color:#fff;font:13px/1.3 system-ui,sans-serif;padding:2px 6px;border-radius:3px;white-space:nowrap;transform:translate(-50%,calc(-100% - 8px))',
    );
    tip.hidden = true;

    let k = 1; // CSS px per map unit
    let dpr = 1;
    // Strokes at most one device pixel wide are drawn as hairlines: ten times faster for 25,000 arcs.
    const hair = (w) => Math.min(w, 1 / dpr);
    let ox = 0; // offset of the map inside the canvas box, CSS px
    let oy = 0;
    let sel = null; // { cc, label } or { place }
    let hover = -1;

    function layout() {
      const r = svg.getBoundingClientRect();
      const f = fig.getBoundingClientRect();
      if (!r.width) return;
      k = Math.min(r.width / W, r.height / H); // the viewBox is fitted (xMidYMid meet)
      ox = (r.width - W * k) / 2;
      oy = (r.height - H * k) / 2;
      dpr = window.devicePixelRatio || 1;
      for (const c of [base, over]) {
        Object.assign(c.style, {
          left: r.left - f.left - fig.clientLeft + 'px', top: r.top - f.top - fig.clientTop + 'px', width: r.width + 'px', height: r.height + 'px',
        });
        c.width = Math.round(r.width * dpr);
        c.height = Math.round(r.height * dpr);
        c.getContext('2d').setTransform(k * dpr, 0, 0, k * dpr, ox * dpr, oy * dpr);
      }
      drawBase();
      drawOver();
    }

    // Strokes the links in `list` (indexes) as one path per batch: batches overlap, so dense routes look denser.
    function arcs(ctx, list, colour, alpha, width, batch) {
      ctx.strokeStyle = colour;
      ctx.globalAlpha = alpha;
      ctx.lineWidth = width / k;
      ctx.beginPath();
      for (let q = 0; q < list.length; q++) {
        const j = list[q];
        const c = crossing[j];
        if (c) {
          ctx.moveTo(c[1], c[2]);
          ctx.quadraticCurveTo(c[3], c[4], c[5], c[6]);
          ctx.moveTo(c[7], c[8]);
          ctx.quadraticCurveTo(c[9], c[10], c[11], c[12]);
        } else {
          const x1 = xs[la[j]], y1 = ys[la[j]], x2 = xs[lb[j]], y2 = ys[lb[j]];
          ctx.moveTo(x1, y1);
          ctx.quadraticCurveTo((x1 + x2) / 2 + BEND * (y2 - y1), (y1 + y2) / 2 - BEND * (x2 - x1), x2, y2);
        }
        if ((q + 1) % batch === 0) ctx.stroke(), ctx.beginPath();
      }
      ctx.stroke();
    }

    function dots(ctx, list, r) {
      ctx.globalAlpha = 1;
      ctx.beginPath();
      for (const i of list) ctx.moveTo(xs[i] + r / k, ys[i]), ctx.arc(xs[i], ys[i], r / k, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }

    function clear(ctx) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
    }

    function drawBase() {
      const ctx = base.getContext('2d');
      clear(ctx);
      arcs(ctx, all, LINK, 0.07, hair(0.6), 2500);
    }

    // The links of the hovered place, else of the selection; returns how many.
    function drawOver() {
      const ctx = over.getContext('2d');
      clear(ctx);
      const s = hover >= 0 ? { place: hover } : sel;
      base.style.opacity = s ? '0.35' : '1';
      if (!s) return 0;
      const p = s.place;
      const list = [];
      for (let j = 0; j < m; j++) {
        if (s.cc ? places[la[j]].cc === s.cc || places[lb[j]].cc === s.cc : la[j] === p || lb[j] === p) list.push(j);
      }
      // Many links: thinner, fainter strokes in batches, so their density still shows.
      if (list.length > 300) arcs(ctx, list, HIGH, 0.3, hair(0.8), 150);
      else arcs(ctx, list, HIGH, 0.85, 1.2, Infinity);
      if (p !== undefined) {
        const ends = new Set();
        for (const j of list) ends.add(la[j]).add(lb[j]);
        ends.delete(p);
        ctx.fillStyle = HIGH;
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = 0.8 / k;
        dots(ctx, ends, 2.2);
        dots(ctx, [p], 4);
      }
      return list.length;
    }

    let queued = false;
    const redraw = () => {
      if (!queued) (queued = true), requestAnimationFrame(() => ((queued = false), drawOver()));
    };

    function announce(name, count) {
      if (!status) return;
      const nf = new Intl.NumberFormat(document.documentElement.lang || undefined);
      const t = count === 1 ? status.dataset.one || '{name}: {count} link' : status.dataset.other || '{name}: {count} links';
      status.textContent = t.replace('{name}', name).replace('{count}', nf.format(count));
    }

    // Colours the selected country on the SVG, as the server does for ?country=.
    function markCountry(cc) {
      for (const el of svg.querySelectorAll('[data-selected]')) el.removeAttribute('data-selected'), el.removeAttribute('fill');
      if (!/^[A-Z]{2}$/.test(cc || '')) return;
      for (const el of svg.querySelectorAll('[data-cc="' + cc + '"]')) el.setAttribute('data-selected', ''), el.setAttribute('fill', LAND_SELECTED);
    }

    function choose(next) {
      sel = next;
      markCountry(sel && sel.cc);
      if (select && !(sel && sel.cc)) select.value = '';
      hover = -1;
      tip.hidden = true;
      const count = drawOver();
      if (sel) announce(sel.cc ? sel.label : places[sel.place].name, count);
      else if (status) status.textContent = status.dataset.cleared || '';
    }

    // Nearest linked place within 6 CSS px of the pointer (16 for a finger), or -1.
    function nearest(e) {
      const r = over.getBoundingClientRect();
      const x = (e.clientX - r.left - ox) / k;
      const y = (e.clientY - r.top - oy) / k;
      const rad = (e.pointerType === 'touch' ? 16 : 6) / k;
      let best = -1;
      let bestD = rad * rad;
      const c0 = Math.max(0, Math.floor((x - rad) / CELL)), c1 = Math.min(cols - 1, Math.floor((x + rad) / CELL));
      const r0 = Math.max(0, Math.floor((y - rad) / CELL)), r1 = Math.min(rows - 1, Math.floor((y + rad) / CELL));
      for (let row = r0; row <= r1; row++) {
        for (let col = c0; col <= c1; col++) {
          const c = row * cols + col;
          for (let q = cellStart[c]; q < cellStart[c + 1]; q++) {
            const i = cellItems[q];
            const d = (xs[i] - x) ** 2 + (ys[i] - y) ** 2;
            if (d <= bestD) (bestD = d), (best = i);
          }
        }
      }
      return best;
    }

    over.addEventListener('pointermove', (e) => {
      const i = nearest(e);
      over.style.cursor = i >= 0 ? 'pointer' : '';
      if (i === hover) return;
      hover = i;
      tip.hidden = i < 0;
      if (i >= 0) {
        tip.textContent = places[i].name;
        tip.style.left = parseFloat(over.style.left) + ox + xs[i] * k + 'px';
        tip.style.top = parseFloat(over.style.top) + oy + ys[i] * k + 'px';
      }
      redraw();
    });
    over.addEventListener('pointerleave', () => {
      hover = -1;
      tip.hidden = true;
      redraw();
    });
    over.addEventListener('click', (e) => {
      const i = nearest(e);
      choose(i >= 0 ? { place: i } : null);
    });
    const fromSelect = () => {
      const o = select.selectedOptions[0];
      choose(select.value ? { cc: select.value.toUpperCase(), label: o ? o.textContent.trim() : select.value } : null);
    };
    if (select) select.addEventListener('change', fromSelect);
    document.addEventListener('keydown', (e) => {
      const t = e.target;
      if (e.key === 'Escape' && (sel || hover >= 0) && (t === document.body || t === select || fig.contains(t))) choose(null);
    });

    requestAnimationFrame(() => {
      layout();
      // The canvas now shows the links: hide the SVG's own.
      for (const el of svg.querySelectorAll('[data-map-links],[data-map-highlight],[data-map-highlight-places]')) el.setAttribute('display', 'none');
      const start = fig.getAttribute('data-highlight-place');
      const idx = start ? places.findIndex((p) => String(p.id) === start) : -1;
      // The page's words for readers without JavaScript no longer apply: the status says what is lit.
      if (idx >= 0) choose({ place: idx });
      else if (select && select.value) fromSelect();
      else if (status && status.dataset.cleared) status.textContent = status.dataset.cleared;
      fig.setAttribute('data-map-ready', '');
      // Redraw when the box or the pixel ratio changes (not for the observer's first call).
      const sizeOf = () => [svg.clientWidth, svg.clientHeight, window.devicePixelRatio].join();
      let size = sizeOf();
      new ResizeObserver(() => {
        if (sizeOf() !== size) (size = sizeOf()), requestAnimationFrame(layout);
      }).observe(svg);
    });
  }

  const startAll = () => document.querySelectorAll('figure[data-world-map]').forEach(start);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startAll);
  else startAll();
})();
