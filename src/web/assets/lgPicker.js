// Kizuna's local-government picker: the search box of each [data-lg-picker] becomes a combobox that
// lists the matches as the person types (asked of /lg-choices a quarter of a second after the last
// key), is worked with the arrow keys, Enter and Escape, and says what it found in the picker's status
// line. Choosing a match adds it to the LGs chosen as the radio button or checkbox the form sends.
// Without this script, the Find button does the same as a step of the page.
(() => {
  const DELAY = 250;
  let pickers = 0;

  function start(picker) {
    if (picker.hasAttribute('data-lg-started')) return; // never twice on one element
    const input = picker.querySelector('input[name="lgQuery"]');
    const status = picker.querySelector('[data-lg-status]');
    const chosenBox = picker.querySelector('[data-lg-chosen]');
    const chosenList = chosenBox && chosenBox.querySelector('ul');
    const find = picker.querySelector('[data-lg-find]');
    if (!input || !status || !chosenList) return;
    picker.setAttribute('data-lg-started', '');
    const multiple = picker.dataset.lgPicker === 'multiple';
    const name = picker.dataset.name;
    const listId = `lg-options-${++pickers}`;

    const list = document.createElement('ul');
    list.id = listId;
    list.className = 'lg-options';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', picker.querySelector('legend')?.textContent?.trim() || '');
    list.hidden = true;
    input.closest('.lg-search-row').after(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    // Find searches at once and no longer sends the form, so that Enter in the form's other fields
    // presses the form's own button.
    if (find) find.type = 'button';

    let options = [];
    let active = -1;
    let timer;
    let controller;
    let shownFor = '';

    const say = (text) => {
      status.textContent = text;
    };

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function open() {
      if (options.length === 0) return;
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function highlight(index) {
      if (options.length === 0) return;
      active = (index + options.length) % options.length;
      options.forEach((option, position) => option.element.setAttribute('aria-selected', String(position === active)));
      const element = options[active].element;
      input.setAttribute('aria-activedescendant', element.id);
      element.scrollIntoView({ block: 'nearest' });
    }

    /** A chosen LG as the form sends it: a checked radio button or checkbox with its name and place. */
    function choiceItem(match) {
      const item = document.createElement('li');
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = multiple ? 'checkbox' : 'radio';
      box.name = name;
      box.value = String(match.id);
      box.checked = true;
      const text = document.createElement('span');
      const place = document.createElement('span');
      place.className = 'muted';
      place.textContent = `(${match.place})`;
      text.append(`${match.name} `, place);
      label.append(box, ' ', text);
      item.append(label);
      return item;
    }

    function pick(match) {
      const already = [...picker.querySelectorAll(`input[name="${CSS.escape(name)}"]`)].find((box) => box.value === String(match.id));
      if (!multiple) chosenList.replaceChildren();
      if (already && multiple && chosenList.contains(already)) already.checked = true;
      else chosenList.append(choiceItem(match));
      // A radio button of the same name, checked in the chosen list, unchecks the one of a search step.
      chosenBox.hidden = false;
      input.value = '';
      shownFor = '';
      close();
      say(picker.dataset.picked.replace('{name}', match.name));
      input.focus();
    }

    function render(matches) {
      options = matches.map((match, index) => {
        const element = document.createElement('li');
        element.id = `${listId}-${index}`;
        element.setAttribute('role', 'option');
        element.setAttribute('aria-selected', 'false');
        const place = document.createElement('span');
        place.className = 'muted';
        place.textContent = ` (${match.place})`;
        element.append(match.name, place);
        // Keep the focus in the box, so that a click chooses as Enter does.
        element.addEventListener('mousedown', (event) => event.preventDefault());
        element.addEventListener('click', () => pick(match));
        return { element, match };
      });
      list.replaceChildren(...options.map((option) => option.element));
      active = -1;
    }

    /** The matches of a Find step sent before this script ran give way to the list; one ticked there is kept among the chosen. */
    function retireStepMatches() {
      const step = picker.querySelector('[data-lg-step-matches]');
      if (!step) return;
      for (const box of step.querySelectorAll('input:checked')) {
        if (!multiple) chosenList.replaceChildren();
        chosenList.append(box.closest('li'));
        chosenBox.hidden = false;
      }
      step.remove();
    }

    async function search(words) {
      retireStepMatches();
      clearTimeout(timer);
      if (controller) controller.abort();
      controller = new AbortController();
      shownFor = words;
      say(picker.dataset.searching);
      try {
        const address = `${picker.dataset.choices}?q=${encodeURIComponent(words)}`;
        const response = await fetch(address, { signal: controller.signal, headers: { accept: 'application/json' } });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const answer = await response.json();
        render(answer.matches);
        // Japanese puts no space between sentences.
        const gap = document.documentElement.lang === 'ja' ? '' : ' ';
        say(answer.matches.length ? `${answer.status}${gap}${picker.dataset.listHint}` : answer.status);
        if (options.length) open();
        else close();
      } catch (error) {
        if (error.name === 'AbortError') return;
        shownFor = '';
        close();
        say(picker.dataset.failed);
      }
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      const words = input.value.trim();
      if (!words) {
        if (controller) controller.abort();
        shownFor = '';
        close();
        say('');
        return;
      }
      timer = setTimeout(() => search(words), DELAY);
    });

    input.addEventListener('keydown', (event) => {
      const words = input.value.trim();
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (options.length === 0) return;
        event.preventDefault();
        open();
        highlight(event.key === 'ArrowDown' ? active + 1 : active < 0 ? options.length - 1 : active - 1);
      } else if (event.key === 'Enter') {
        // Enter in the box chooses, or searches now; it sends the form only when the box is empty.
        if (!words) return;
        event.preventDefault();
        if (!list.hidden && options.length) pick(options[Math.max(active, 0)].match);
        else if (shownFor !== words) search(words);
        else open();
      } else if (event.key === 'Escape' && !list.hidden) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener('blur', () => close());
    input.addEventListener('focus', () => {
      if (input.value.trim() && input.value.trim() === shownFor) open();
    });
    if (find) find.addEventListener('click', () => {
      const words = input.value.trim();
      if (words) search(words);
      input.focus();
    });
  }

  const startAll = () => document.querySelectorAll('[data-lg-picker]').forEach(start);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startAll);
  else startAll();
})();
