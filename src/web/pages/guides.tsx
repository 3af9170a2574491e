import type { FC } from 'hono/jsx';
import { FAQ, GUIDES, type Block, type Guide } from '../../content/guides.js';
import { t } from '../../i18n/index.js';
import { href, Layout, type PageContext } from './layout.js';

/** The blocks of a guide or an answer as HTML; every text is escaped by JSX. */
const Blocks: FC<{ blocks: Block[] }> = ({ blocks }) => (
  <>
    {blocks.map((block) => {
      switch (block.type) {
        case 'p':
          return <p>{block.text}</p>;
        case 'h2':
          return <h2>{block.text}</h2>;
        case 'note':
          return <p class="note">{block.text}</p>;
        case 'ul':
          return <ul>{block.items.map((item) => <li>{item}</li>)}</ul>;
        case 'ol':
          return <ol>{block.items.map((item) => <li>{item}</li>)}</ol>;
        case 'dl':
          return (
            <dl class="terms">
              {block.items.map((item) => (
                <>
                  <dt>{item.term}</dt>
                  <dd>{item.definition}</dd>
                </>
              ))}
            </dl>
          );
      }
    })}
  </>
);

export const GuidesIndexPage: FC<{ ctx: PageContext }> = ({ ctx }) => (
  <Layout ctx={ctx} title={t(ctx.lang, 'guides.title')} section="guides">
    <h1>{t(ctx.lang, 'guides.title')}</h1>
    <p class="lead">{t(ctx.lang, 'guides.lead')}</p>
    <ul class="cards">
      {GUIDES.map((guide) => (
        <li>
          <a href={href(ctx, `/guides/${guide.slug}`)}>{guide.title[ctx.lang]}</a>
          <p class="muted">{guide.summary[ctx.lang]}</p>
        </li>
      ))}
    </ul>
    <h2 id="faq">{t(ctx.lang, 'guides.faq')}</h2>
    {FAQ.map((entry) => (
      <details id={entry.id}>
        <summary>{entry.question[ctx.lang]}</summary>
        <Blocks blocks={entry.answer[ctx.lang]} />
      </details>
    ))}
  </Layout>
);

export const GuidePage: FC<{ ctx: PageContext; guide: Guide }> = ({ ctx, guide }) => (
  <Layout ctx={ctx} title={guide.title[ctx.lang]} section="guides" description={guide.summary[ctx.lang]}>
    <p><a href={href(ctx, '/guides')}>{t(ctx.lang, 'guides.back')}</a></p>
    <article class="prose">
      <h1>{guide.title[ctx.lang]}</h1>
      <p class="lead">{guide.summary[ctx.lang]}</p>
      <Blocks blocks={guide.body[ctx.lang]} />
    </article>
  </Layout>
);
