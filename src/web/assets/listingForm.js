// Kizuna's listing form, enhanced: as boxes are ticked, the desired regions say how many are ticked
// in each fold and which are chosen (in the words the page gives in data attributes), and a picture too large or of the wrong kind is told at once
// rather than after sending the form (the server checks it either way).
(() => {
  function startRegions(fieldset) {
    if (fieldset.hasAttribute('data-regions-started')) return; // never twice on one element
    fieldset.setAttribute('data-regions-started', '');
    const lang = document.documentElement.lang || 'en';
    const plural = new Intl.PluralRules(lang);
    const number = new Intl.NumberFormat(lang);
    const summary = fieldset.querySelector('[data-regions-chosen]');
    const ticked = (within) => [...within.querySelectorAll('input[type="checkbox"]:checked')];
    const update = () => {
      for (const group of fieldset.querySelectorAll('details.region-group')) {
        const badge = group.querySelector('[data-region-count]');
        const count = ticked(group).length;
        const words = plural.select(count) === 'one' ? fieldset.dataset.countOne : fieldset.dataset.countOther;
        if (badge) badge.textContent = count ? words.replace('{count}', number.format(count)) : '';
      }
      const names = ticked(fieldset).map((box) => box.closest('label').textContent.trim());
      if (summary) summary.textContent = names.length ? summary.dataset.template.replace('{names}', names.join(lang === 'ja' ? '、' : ', ')) : summary.dataset.none;
    };
    fieldset.addEventListener('change', update);
  }

  function startPicture(input) {
    if (input.hasAttribute('data-picture-started')) return;
    input.setAttribute('data-picture-started', '');
    const check = input.parentElement.querySelector('[data-picture-check]');
    const types = (input.getAttribute('accept') || '').split(',');
    input.addEventListener('change', () => {
      const file = input.files && input.files[0];
      let problem = '';
      if (file && types.length && !types.includes(file.type)) problem = input.dataset.wrongType;
      else if (file && file.size > Number(input.dataset.maxBytes)) problem = input.dataset.tooBig.replace('{size}', (file.size / 1024 / 1024).toFixed(1));
      if (check) check.textContent = problem;
      if (problem) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    });
  }

  const startAll = () => {
    document.querySelectorAll('[data-region-choices]').forEach(startRegions);
    document.querySelectorAll('input[type="file"][data-max-bytes]').forEach(startPicture);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startAll);
  else startAll();
})();
