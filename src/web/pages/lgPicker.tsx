import type { FC } from 'hono/jsx';
import { lgName, t, type Lang } from '../../i18n/index.js';
import type { LocalGovernmentSummary } from '../../services/presenters.js';
import { assetUrl } from '../assets.js';
import type { LgPickerState } from '../forms/lgPicker.js';
import { href, type PageContext } from './layout.js';
import { placeOf } from './registry.js';

/** A local government as a picker offers it: its name and, to tell namesakes apart, where it lies. */
export const lgChoiceText = (lang: Lang, lg: LocalGovernmentSummary) => ({ name: lgName(lang, lg), place: placeOf(lang, lg) });

/** The picker's script, for the head of a page that has one. */
export const LgPickerScript: FC = () => <script src={assetUrl('lgPicker.js')} defer></script>;

const Choice: FC<{ ctx: PageContext; name: string; multiple: boolean; lg: LocalGovernmentSummary; checked: boolean; id?: string | undefined }> = ({ ctx, name, multiple, lg, checked, id }) => {
  const { name: text, place } = lgChoiceText(ctx.lang, lg);
  return (
    <li>
      <label>
        <input type={multiple ? 'checkbox' : 'radio'} name={name} value={String(lg.id)} checked={checked} id={id} />{' '}
        <span>
          {text} <span class="muted">({place})</span>
        </span>
      </label>
    </li>
  );
};

interface PickerProps {
  ctx: PageContext;
  /** The form's field the chosen ids are sent under. */
  name: string;
  label: string;
  hint?: string | undefined;
  /** Several LGs may be chosen (checkboxes), rather than one (radio buttons). */
  multiple?: boolean;
  state: LgPickerState;
  problem?: string | undefined;
}

/**
 * One shared field for choosing local governments from the whole registry: the LGs chosen, a
 * search box with its Find button, and the matches of the last search to choose from. Works as a
 * search step without JavaScript; lgPicker.js turns the search box into a combobox.
 */
export const LgPicker: FC<PickerProps> = ({ ctx, name, label, hint, multiple = false, state, problem }) => {
  const lang = ctx.lang;
  const chosen = new Set(state.chosen.map((lg) => lg.id));
  const matches = state.matches?.found.filter((lg) => !chosen.has(lg.id)) ?? [];
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', `${id}-search-hint`, problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      class={problem ? 'lg-picker has-problem' : 'lg-picker'}
      data-lg-picker={multiple ? 'multiple' : 'single'}
      data-name={name}
      data-choices={href(ctx, '/lg-choices')}
      data-picked={t(lang, 'lgPicker.picked')}
      data-searching={t(lang, 'lgPicker.searching')}
      data-failed={t(lang, 'lgPicker.failed')}
      data-list-hint={t(lang, 'lgPicker.listHint')}
    >
      <legend>{label}</legend>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {problem ? <p class="field-error" id={`${id}-problem`}>{problem}</p> : null}
      <div class="lg-chosen" data-lg-chosen hidden={state.chosen.length === 0}>
        <p class="lg-chosen-title">{t(lang, 'lgPicker.chosen')}</p>
        <ul class="lg-choices">
          {state.chosen.map((lg) => <Choice ctx={ctx} name={name} multiple={multiple} lg={lg} checked />)}
        </ul>
      </div>
      <div class="lg-search">
        <label for={id}>{t(lang, 'lgPicker.search')}</label>
        <p class="hint" id={`${id}-search-hint`}>{t(lang, 'lgPicker.searchHint')}</p>
        <div class="lg-search-row">
          <input
            id={id}
            name="lgQuery"
            type="search"
            value={state.query}
            maxlength={200}
            autocomplete="off"
            spellcheck={false}
            aria-describedby={describedBy}
            aria-invalid={problem ? 'true' : undefined}
          />
          <button type="submit" name="lgFind" value="1" class="button secondary" data-lg-find>{t(lang, 'lgPicker.find')}</button>
        </div>
      </div>
      <div class="lg-matches" data-lg-matches>
        <p class="lg-status" role="status" data-lg-status>{state.matches?.status ?? ''}</p>
        {matches.length ? (
          <div data-lg-step-matches>
            <p class="hint">{t(lang, multiple ? 'lgPicker.tickBelow' : 'lgPicker.chooseBelow')}</p>
            <ul class="lg-choices">
              {matches.map((lg) => <Choice ctx={ctx} name={name} multiple={multiple} lg={lg} checked={false} />)}
            </ul>
          </div>
        ) : null}
      </div>
    </fieldset>
  );
};

/** An officer's choice among the LGs they act for: a radio button each, no search. */
export const OwnLgChoice: FC<{ ctx: PageContext; name: string; label: string; localGovernments: LocalGovernmentSummary[]; chosen?: number | undefined; problem?: string | undefined }> = ({
  ctx,
  name,
  label,
  localGovernments,
  chosen,
  problem,
}) => (
  <fieldset class={problem ? 'lg-picker has-problem' : 'lg-picker'} aria-describedby={problem ? `field-${name}-problem` : undefined}>
    <legend>{label}</legend>
    {problem ? <p class="field-error" id={`field-${name}-problem`}>{problem}</p> : null}
    <ul class="lg-choices">
      {localGovernments.map((lg, index) => (
        <Choice ctx={ctx} name={name} multiple={false} lg={lg} checked={lg.id === chosen || localGovernments.length === 1} id={index === 0 ? `field-${name}` : undefined} />
      ))}
    </ul>
  </fieldset>
);
