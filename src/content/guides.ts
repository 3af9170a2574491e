/**
 * Guides and FAQ of the public portal, in English and Japanese.
 *
 * Written afresh from the facts of the seed documents (CLAIR's FAQ and pages, the San Francisco
 * consulate's page, a 2019 op-ed and CLAIR's "Finding a sister city" profiles). The Japanese is
 * written for Japanese readers, not translated sentence by sentence, but each Japanese body keeps
 * the block structure of its English twin so that the two can be checked against each other.
 * Texts are plain strings; the page escapes them.
 */

import type { Lang } from '../i18n/index.js';

export type Block =
  | { type: 'p'; text: string }
  | { type: 'h2'; text: string }
  | { type: 'ul' | 'ol'; items: string[] }
  | { type: 'dl'; items: { term: string; definition: string }[] }
  | { type: 'note'; text: string };

export interface Guide {
  slug: string;
  title: Record<Lang, string>;
  summary: Record<Lang, string>;
  body: Record<Lang, Block[]>;
}

export interface FaqEntry {
  id: string;
  question: Record<Lang, string>;
  answer: Record<Lang, Block[]>;
}

const whatIsASisterCity: Guide = {
  slug: 'what-is-a-sister-city',
  title: {
    en: 'What is a sister city?',
    ja: '姉妹都市とは',
  },
  summary: {
    en: 'What a sister (friendship) city relationship is, why local governments form one, what it is called around the world, and how many Japan has.',
    ja: '姉妹（友好）都市提携とはどのような関係か、なぜ大切なのか、各国での呼び方、日本における提携の歩みと件数をご紹介します。',
  },
  body: {
    en: [
      {
        type: 'p',
        text: 'A sister city relationship is a lasting partnership between two local governments in different countries. On the Japanese side the partner may be a prefecture, city, ward, town or village; abroad it may be a state, province, county, city or municipality. The two commit to getting to know each other and to carrying on exchange over many years, usually by signing a formal agreement. No law, in Japan or elsewhere, defines the term, and what the partners call their bond is their own choice.',
      },
      { type: 'h2', text: 'Why it matters' },
      {
        type: 'p',
        text: 'Of all the ways a local government can take part in international exchange, a sister city is among the most direct, because residents themselves take part: pupils on homestays, sports clubs and choirs on tour, business owners looking for customers. Over time a link that starts with courtesy visits can grow into real cooperation in education, culture, technology, trade and tourism, shaped by what each side actually needs. Ties between towns also build understanding between peoples, and they often hold firm when relations between national governments are strained.',
      },
      { type: 'h2', text: 'One idea, many names' },
      {
        type: 'p',
        text: 'The term “sister city” was coined in the United States, and Japan adopted it by direct translation, which is why it is the usual word there. Other countries use their own words, speaking of twins, partners, sisters, brothers or friends:',
      },
      {
        type: 'dl',
        items: [
          { term: 'United Kingdom', definition: 'twin town; towns are said to be “twinned”' },
          { term: 'France', definition: 'ville jumelée (twinned town)' },
          { term: 'Italy', definition: 'città gemellata (twinned city)' },
          { term: 'Germany', definition: 'Partnerstadt (partner city)' },
          { term: 'Austria', definition: 'Schwesterstadt (sister city)' },
          { term: 'Spain', definition: 'ciudad hermana (sister city)' },
          { term: 'Portugal', definition: 'cidade irmã (sister city)' },
          { term: 'Russia', definition: 'города-побратимы, literally “brother cities”' },
          {
            term: 'China',
            definition:
              'yǒuhǎo chéngshì, “friendship city”. Calling two cities sisters suggests that one is the elder, which could imply a ranking between them; “friendship” avoids that.',
          },
          {
            term: 'South Korea',
            definition:
              'Only a relationship approved by the national government used to count as a “sister city”. The approval rule was dropped in 2004, and since then there has been no real difference between a sister city and a friendship city.',
          },
        ],
      },
      {
        type: 'p',
        text: 'Some local governments, in Japan and abroad, use “friendship city” for a looser tie, or for a first stage before becoming sister cities. Kizuna keeps each relationship’s label exactly as it was signed.',
      },
      { type: 'h2', text: 'Japan’s sister cities in numbers' },
      {
        type: 'ul',
        items: [
          'The first relationship in Japan joined Nagasaki City and Saint Paul, Minnesota, in the United States, in December 1955.',
          'The number of relationships reached 1,000 in December 1993.',
          'It has kept growing and now stands above 1,700. A 2019 newspaper op-ed counted 1,751 as of June 2019, held by 828 Japanese local governments.',
          'By partner country, the United States accounts for about 30 % and China for about 20 %, so the two together make up about half. South Korea and Australia come next.',
        ],
      },
      {
        type: 'note',
        text: 'Kizuna’s statistics pages compute these figures from the registry for any date you choose, so they may differ slightly from figures published elsewhere.',
      },
    ],
    ja: [
      {
        type: 'p',
        text: '姉妹都市とは、国の異なる2つの地方公共団体が、住民同士の交流と相互理解を長く続けていくことを約束して結ぶ関係です。日本側では都道府県や市区町村が、海外側では州・省・郡・市などが当事者となり、多くの場合、双方の首長が協定書に署名して提携が成立します。法律上の定義はなく、関係をどう呼ぶかも当事者が決めています。',
      },
      { type: 'h2', text: 'なぜ大切なのか' },
      {
        type: 'p',
        text: '姉妹都市交流は、自治体が行う国際交流の中でも、住民が直接参加しやすい取組です。ホームステイ、スポーツや文化団体の相互訪問、事業者同士の商談など、市民はさまざまな形で関わることができます。表敬訪問から始まった関係が、互いの必要に応じて、教育・文化・技術・経済などの実質的な協力に育っていくこともあります。地域間のつながりは国同士の相互理解を支え、国家間の関係が難しい時期にも交流の窓口となります。',
      },
      { type: 'h2', text: '国によって異なる呼び方' },
      {
        type: 'p',
        text: '「姉妹都市（sister city）」という言葉は米国で生まれ、日本ではそれを直訳した呼び方が定着しました。他の国では、次のような名称が使われています。',
      },
      {
        type: 'dl',
        items: [
          { term: 'イギリス', definition: 'twin town（「双子の町」の意味。提携している町は「twinned」と表現されます）' },
          { term: 'フランス', definition: 'ville jumelée（双子の町）' },
          { term: 'イタリア', definition: 'città gemellata（双子の都市）' },
          { term: 'ドイツ', definition: 'Partnerstadt（パートナー都市）' },
          { term: 'オーストリア', definition: 'Schwesterstadt（姉妹都市）' },
          { term: 'スペイン', definition: 'ciudad hermana（姉妹都市）' },
          { term: 'ポルトガル', definition: 'cidade irmã（姉妹都市）' },
          { term: 'ロシア', definition: 'города-побратимы（「兄弟都市」の意味）' },
          {
            term: '中国',
            definition:
              '友好城市（友好都市）。「姉妹」という言葉には姉と妹という上下関係が含まれると受け取られかねないため、「友好」という言葉が好まれています。',
          },
          {
            term: '韓国',
            definition:
              'かつては国の承認を受けた関係だけが「姉妹都市」でしたが、2004年にこの要件がなくなり、現在は姉妹都市と友好都市に実質的な違いはありません。',
          },
        ],
      },
      {
        type: 'p',
        text: '「友好都市」を、より緩やかな関係や、姉妹都市提携の前段階を表す言葉として用いる自治体もあります。Kizunaでは、各提携の名称を協定書に署名されたとおりに記録しています。',
      },
      { type: 'h2', text: '数字で見る日本の姉妹都市' },
      {
        type: 'ul',
        items: [
          '日本で最初の姉妹都市提携は、1955年（昭和30年）12月に結ばれた長崎市と米国ミネソタ州セントポール市の提携です。',
          '提携件数は、1993年（平成5年）12月に1,000件に達しました。',
          'その後も増え続け、現在は1,700件を超えています。2019年のある新聞への寄稿によると、同年6月時点の件数は1,751件で、提携を持つ日本の自治体は828団体でした。',
          '相手国別では、米国が約30%、中国が約20%を占め、この2か国で全体のおよそ半分になります。次いで韓国、オーストラリアの順です。',
        ],
      },
      {
        type: 'note',
        text: 'Kizunaの統計ページでは登録データから任意の時点の件数を算出するため、他の資料の数値とわずかに異なる場合があります。',
      },
    ],
  },
};

const clairConditions: Guide = {
  slug: 'clair-conditions',
  title: {
    en: 'CLAIR’s three conditions',
    ja: '姉妹（友好）都市の3つの要件',
  },
  summary: {
    en: 'How CLAIR decides what counts as a sister (friendship) city relationship, whatever the partners call it, and how Kizuna records each condition.',
    ja: '名称にかかわらず、どのような関係を姉妹（友好）都市提携として扱うのか、自治体国際化協会（CLAIR）の3つの要件と、Kizunaでの記録方法をご説明します。',
  },
  body: {
    en: [
      {
        type: 'p',
        text: 'Neither Japanese law nor any international rule defines a sister city. To count and describe relationships consistently, the Council of Local Authorities for International Relations (CLAIR), which supports the international work of Japan’s local governments, applies a practical test. Where both parties are local governments carrying out exchange, a relationship that meets all three conditions below is treated as a sister (friendship) city relationship.',
      },
      { type: 'h2', text: 'The three conditions' },
      {
        type: 'ol',
        items: [
          'There is a written agreement signed by the heads of both local governments, such as mayors or governors.',
          'The exchange is not confined to a single field; it covers, for example, education as well as culture or the economy.',
          'The assembly of the Japanese local government has approved a budget, of whatever size, for exchange with the partner.',
        ],
      },
      { type: 'h2', text: 'The name does not decide' },
      {
        type: 'p',
        text: 'The test looks at what a relationship is, not at what it is called. A “friendship city”, a “partner city” or a “twin town” counts if it meets the three conditions, while a relationship described as a “sister city” that was never set down in a signed agreement does not.',
      },
      { type: 'h2', text: 'What each condition shows' },
      {
        type: 'dl',
        items: [
          {
            term: 'Signed agreement',
            definition:
              'The commitment was made at the top of both local governments, in a form that outlasts any one official.',
          },
          {
            term: 'More than one field',
            definition:
              'The relationship is broad, which sets it apart from single-purpose ties such as an economic exchange agreement or a link between two schools.',
          },
          {
            term: 'Approved budget',
            definition:
              'The elected assembly, speaking for residents, has agreed to spend public money on the partnership, so it is a policy of the local government as a whole and not of one leader.',
          },
        ],
      },
      { type: 'h2', text: 'How Kizuna records the conditions' },
      {
        type: 'p',
        text: 'For every relationship, Kizuna stores the three conditions separately, and each takes one of three values:',
      },
      {
        type: 'ul',
        items: [
          'Yes: confirmed, for example from the signed agreement or the assembly’s budget.',
          'No: known not to be met.',
          'Unknown: not yet checked. Many imported records stay at this value until a local government officer or a coordinator confirms them.',
        ],
      },
      {
        type: 'p',
        text: 'From these values Kizuna shows whether all three conditions are met. A relationship meets CLAIR’s definition only when all three are “yes”; if any one is “no”, it does not; if none is “no” but some are still “unknown”, the answer is left open until they are checked. The registry can then list the relationships that meet all three.',
      },
      {
        type: 'note',
        text: 'Meeting the conditions says nothing about how lively a relationship is. Some informal ties are full of activity and some formal ones are quiet. The conditions describe the form of a relationship, not its worth.',
      },
    ],
    ja: [
      {
        type: 'p',
        text: '姉妹都市については、日本の法律にも国際的な取決めにも定義がありません。そこで、自治体の国際化を支援する一般財団法人自治体国際化協会（CLAIR）では、提携を統一的に把握するための実務上の基準を設けています。当事者の双方が交流を行う地方公共団体である場合、次の3つの要件をすべて満たす関係を姉妹（友好）都市提携として取り扱っています。',
      },
      { type: 'h2', text: '3つの要件' },
      {
        type: 'ol',
        items: [
          '両自治体の首長（市長、知事など）が署名した協定書があること。',
          '交流が特定の一分野に限られていないこと（例えば、文化や経済に加えて教育の分野でも交流していることなど）。',
          '日本側の自治体の議会で、提携先との交流のための予算が承認されていること（金額の大小は問いません）。',
        ],
      },
      { type: 'h2', text: '名称では決まりません' },
      {
        type: 'p',
        text: 'この基準は、関係の呼び名ではなく中身を見るものです。「友好都市」「パートナー都市」「twin town」などと呼ばれていても、3つの要件を満たしていれば姉妹（友好）都市提携として扱われます。反対に、「姉妹都市」と称していても、署名された協定書がなければ該当しません。',
      },
      { type: 'h2', text: '各要件が示すもの' },
      {
        type: 'dl',
        items: [
          {
            term: '署名された協定書',
            definition: '双方の自治体のトップが提携を約束し、担当者が代わっても引き継がれる形で残されていることを示します。',
          },
          {
            term: '複数分野にわたる交流',
            definition: '関係の幅広さを示すもので、経済交流協定や学校間の交流など、目的を一つに絞った結び付きとの違いになります。',
          },
          {
            term: '議会が承認した予算',
            definition: '住民の代表である議会が公費の支出を認めたことを示し、首長個人ではなく自治体としての施策であることの裏付けとなります。',
          },
        ],
      },
      { type: 'h2', text: 'Kizunaでの記録方法' },
      {
        type: 'p',
        text: 'Kizunaでは、提携ごとに3つの要件を個別に記録し、それぞれに次の3つの値のいずれかを設定します。',
      },
      {
        type: 'ul',
        items: [
          'はい：署名済みの協定書や議会の予算などで確認できたもの。',
          'いいえ：要件を満たしていないことが分かっているもの。',
          '不明：まだ確認していないもの。取り込んだデータの多くは、自治体の担当者やコーディネーターが確認するまでこの値のままです。',
        ],
      },
      {
        type: 'p',
        text: 'これらの値をもとに、3つの要件をすべて満たしているかどうかを表示します。3つとも「はい」の場合に限りCLAIRの定義に該当し、一つでも「いいえ」があれば該当しません。「いいえ」がなく「不明」が残っている場合は、確認が済むまで判定を保留します。登録簿では、3つの要件をすべて満たす提携を一覧にすることができます。',
      },
      {
        type: 'note',
        text: '要件を満たしているかどうかは、交流の活発さとは別の問題です。3つの要件は関係の形式を示すものであり、その価値を評価するものではありません。',
      },
    ],
  },
};

const formingARelationship: Guide = {
  slug: 'forming-a-relationship',
  title: {
    en: 'Forming a sister city relationship',
    ja: '姉妹（友好）都市提携の進め方',
  },
  summary: {
    en: 'The eight usual steps from finding a candidate to the first exchange, with practical advice for each, and where to find help.',
    ja: '候補の選定から交流の開始まで、一般的な8つのステップと各段階での留意点、相談先をご紹介します。',
  },
  body: {
    en: [
      {
        type: 'p',
        text: 'No rule lays down how two places become sister cities, and no two cases take the same time. Things usually move faster when a person or an organisation acts as a go-between, or when the two local governments already know each other from earlier exchange. A local government starting from scratch will usually pass through the eight steps below.',
      },
      { type: 'h2', text: 'The eight steps' },
      {
        type: 'ol',
        items: [
          'Gather information and narrow down candidates. Look for places with something in common: geography, a similar name, size or climate, a shared history or historical figure, a local industry, or a wish for trade or school exchange. Note how many Japanese partners each candidate already has.',
          'Sound out the candidates. Ask informally whether they would welcome a relationship, before anything is announced. Keep the first approach modest and give them time to consult internally.',
          'Visit to learn about each other. Officials, and sometimes residents, travel to see the place, its schools, businesses and civic groups. Small exchange events often take place during these visits.',
          'Confirm the intention to proceed. Make sure that both leaders want to go ahead, ideally in writing. On the Japanese side, brief the assembly early, since it will be asked to approve a budget.',
          'Agree the exchange policy. Decide together which fields to start with, who will take part, how often delegations will travel, how costs will be shared, and who the contact person is on each side.',
          'Draft and finalise the agreement. Prepare the text in both languages, check that the two versions say the same thing, and take it through each side’s internal procedures.',
          'Sign the agreement at a ceremony. The two heads sign, often in front of residents and the press. Record the date and the label exactly as signed.',
          'Begin exchange as partners. Start with a few activities you can sustain, such as a youth visit every year, and keep a record of what takes place.',
        ],
      },
      { type: 'h2', text: 'Getting help' },
      {
        type: 'p',
        text: 'An intermediary can make the early steps much easier. CLAIR can introduce local governments to each other and advise them along the way, and it keeps helping with exchange once a relationship exists. A foreign local government can raise its interest with whichever of CLAIR’s offices abroad, in seven countries, covers its area, or contact a Japanese local government directly.',
      },
      {
        type: 'p',
        text: 'On Kizuna, the “Finding a sister city” listings show Japanese local governments seeking foreign partners and foreign local governments seeking Japanese ones, with the countries and kinds of partner they hope for. Matchmaking suggests candidates and explains why, and an introduction arranged by a coordinator can then be followed through the same eight steps.',
      },
      {
        type: 'note',
        text: 'A relationship lasts only if both sides want it. Time spent on steps 2 to 5 is rarely wasted: a partnership formed in haste is the one most likely to fall silent.',
      },
    ],
    ja: [
      {
        type: 'p',
        text: '姉妹都市提携の進め方に定まった手順はなく、成立までの期間も一様ではありません。仲介役がいる場合や、すでに交流の実績がある場合は、比較的早く進む傾向があります。提携先を探すところから始める場合は、おおむね次の8つのステップをたどります。',
      },
      { type: 'h2', text: '提携までの8つのステップ' },
      {
        type: 'ol',
        items: [
          '情報を集め、候補を絞り込む。地理的な条件、名称・人口規模・気候の類似、共通の歴史やゆかりの人物、地場産業、経済交流や学校間交流への希望など、共通点のある自治体を探します。各候補が日本の自治体と既に提携しているかどうかも確認しておきましょう。',
          '相手の意向を打診する。公表する前に、提携に関心があるかどうかを非公式に尋ねます。相手が内部で検討する時間を十分に取れるよう配慮します。',
          '訪問して相手を知る。職員や、時には住民が現地を訪れ、まちの様子や学校、企業、市民団体などを見学します。訪問に合わせて小規模な交流事業を行うこともあります。',
          '提携の意思を確認する。双方の首長が提携を進める意思を持っていることを、できれば文書で確認します。日本側では、予算を承認する議会へ早めに説明しておくことが大切です。',
          '交流の方針を協議する。最初に取り組む分野、参加者、訪問団の派遣の頻度、経費の分担、双方の窓口担当者などを話し合って決めます。',
          '協定書を作成し、内容を確定する。両言語の文案に食い違いがないかを確かめたうえで、それぞれの内部手続を経て確定します。',
          '調印式で協定書に署名する。住民や報道関係者の前で署名することも多くあります。調印日と署名された名称は、そのまま記録しておきましょう。',
          '姉妹都市としての交流を始める。毎年の青少年派遣など、無理なく続けられる事業から始め、実施した交流の記録を残していきます。',
        ],
      },
      { type: 'h2', text: '相談先' },
      {
        type: 'p',
        text: '初期の段階では、仲介役がいると進めやすくなります。CLAIRは、提携先を探す自治体への支援や仲介のほか、提携後の交流についての助言も行っています。7か国にあるCLAIRの海外事務所では、所管地域の自治体から日本との提携の希望を受け付けています。海外の自治体が日本の自治体に直接連絡を取ることもできます。',
      },
      {
        type: 'p',
        text: 'Kizunaの「姉妹都市を探す」ページには、提携先を探している日本と海外の自治体が、希望する国・地域や相手の特徴とともに掲載されています。マッチング機能では候補とその理由を示し、コーディネーターによる紹介の後は、同じ8つのステップに沿って進捗を管理できます。',
      },
      {
        type: 'note',
        text: '提携は、双方が望んでこそ長続きします。ステップ2から5には十分に時間をかけましょう。急いで結んだ提携ほど、交流が途絶えやすいものです。',
      },
    ],
  },
};

const writtenAgreement: Guide = {
  slug: 'written-agreement',
  title: {
    en: 'The written agreement',
    ja: '協定書について',
  },
  summary: {
    en: 'What a sister city agreement is, what it usually says, and which details to keep safe.',
    ja: '姉妹（友好）都市の協定書とはどのような文書か、一般的な記載事項と、保管しておくべき情報をご説明します。',
  },
  body: {
    en: [
      {
        type: 'p',
        text: 'The written agreement is the document by which two local governments formally become partners. It is signed by the heads of both, such as a mayor or a governor, and states who the parties are, why they are joining together, and in which fields they mean to carry out exchange. When the partners work in different languages, the agreement is normally drawn up in both, and each side keeps a signed original.',
      },
      { type: 'h2', text: 'What an agreement usually contains' },
      {
        type: 'ul',
        items: [
          'The name of the relationship as the partners choose it: sister city, friendship city, partner city, twin town and so on.',
          'The full official names of both local governments and their countries.',
          'The purpose, such as deepening friendship and mutual understanding between residents and contributing to peace and prosperity.',
          'The fields of exchange, for instance education, culture, sport, the economy, tourism or administration.',
          'How the partnership will be carried forward, such as regular consultation or a contact office on each side.',
          'For a fixed-term relationship, the length of the term and how it may be renewed.',
          'The place and date of signing, with the names, titles and signatures of both heads.',
        ],
      },
      {
        type: 'p',
        text: 'Agreements are usually short, often a single page, and broad in wording. The details of each year’s activities are settled separately, so the agreement does not need to foresee them.',
      },
      { type: 'h2', text: 'What to keep' },
      {
        type: 'p',
        text: 'Agreements are easily mislaid when staff change or offices move. Whatever else is lost, keep these:',
      },
      {
        type: 'ul',
        items: [
          'The signed text in each language, both the original and a scanned copy.',
          'The date of signing, to the day if you know it; anniversaries are counted from it.',
          'The label exactly as signed, in both languages, since the two versions are not always literal translations of each other.',
          'Any later documents, such as renewals, extensions, amendments or agreements signed again at an anniversary.',
        ],
      },
      { type: 'h2', text: 'In Kizuna' },
      {
        type: 'p',
        text: 'A relationship record holds the label as signed, including in the original language; the date of signing with its precision (year, month or day); a link to the agreement document; for fixed-term relationships, the end of the term and any renewals; and whether a coordinator has checked the record against a source. Local government officers can fill in these details for their own relationships.',
      },
      {
        type: 'note',
        text: 'If your copy of the agreement cannot be found, ask your partner: they hold a signed original of their own.',
      },
    ],
    ja: [
      {
        type: 'p',
        text: '協定書は、2つの自治体が正式に提携関係を結ぶための文書です。市長や知事など双方の首長が署名し、当事者、提携の目的、交流を行う分野などを記載します。使用する言語が異なる場合は、通常、両方の言語で作成し、双方がそれぞれ署名済みの原本を保管します。',
      },
      { type: 'h2', text: '協定書の主な記載事項' },
      {
        type: 'ul',
        items: [
          '当事者が選んだ提携の名称（姉妹都市、友好都市、パートナー都市など）',
          '双方の自治体の正式名称と国名',
          '提携の目的（住民同士の友好と相互理解を深め、平和と繁栄に寄与することなど）',
          '交流の分野（教育、文化、スポーツ、経済、観光、行政など）',
          '提携の推進方法（定期的な協議、双方の窓口となる部署など）',
          '期間を定めた提携の場合は、その期間と更新の方法',
          '調印の場所と年月日、双方の首長の氏名・職名と署名',
        ],
      },
      {
        type: 'p',
        text: '協定書は1枚程度の簡潔なもので、文言も大まかに書かれるのが一般的です。毎年の具体的な交流の内容は別途協議して決めるため、協定書であらかじめ定めておく必要はありません。',
      },
      { type: 'h2', text: '保管しておくべきもの' },
      {
        type: 'p',
        text: '協定書は、担当者の異動や庁舎の移転などの際に、所在が分からなくなりがちです。少なくとも次のものは確実に保管しておきましょう。',
      },
      {
        type: 'ul',
        items: [
          '各言語の署名済みの本文（原本と、スキャンした写しの両方）',
          '調印日（分かる場合は日付まで）。周年の節目はこの日から数えます。',
          '署名された名称（両言語とも）。両言語の名称は、必ずしも直訳の関係にあるとは限りません。',
          'その後の関係文書（更新、延長、内容の変更、周年記念の際に改めて調印した協定書など）',
        ],
      },
      { type: 'h2', text: 'Kizunaでの記録' },
      {
        type: 'p',
        text: 'Kizunaの提携データには、署名された名称（原語による表記を含む）、調印日とその精度（年・月・日のどこまで分かっているか）、協定書へのリンク、期間を定めた提携の終了日と更新の履歴、コーディネーターが出典と照らし合わせて確認したかどうかを記録します。自治体の担当者は、自らの自治体の提携について、これらの情報を補うことができます。',
      },
      {
        type: 'note',
        text: '協定書が見つからない場合は、提携先に問い合わせてみてください。相手側でも署名済みの原本を保管しています。',
      },
    ],
  },
};

const fixedTermRelationships: Guide = {
  slug: 'fixed-term-relationships',
  title: {
    en: 'Fixed-term relationships',
    ja: '期間を定めた姉妹（友好）都市提携',
  },
  summary: {
    en: 'Some relationships are agreed for a set number of years: why local governments choose this, two examples, and how Kizuna keeps track of terms and renewals.',
    ja: '一定の期間を定めて結ぶ提携について、自治体がこの形を選ぶ理由や事例、Kizunaでの期間と更新の記録方法をご説明します。',
  },
  body: {
    en: [
      {
        type: 'p',
        text: 'Most sister city agreements have no end date: the partners intend the relationship to last. Some local governments, however, agree on a set term from the start. Exchange goes ahead within that period, and when it ends the partners decide whether to let the relationship close, extend it, or sign a renewal.',
      },
      { type: 'h2', text: 'Why choose a fixed term' },
      {
        type: 'p',
        text: 'Local governments choose a fixed term when the reason for the partnership belongs to a particular moment, such as a shared project, an industry both are developing or a coming event, rather than to a permanent bond. The end of the term also gives both sides a natural moment to look back at what the exchange has achieved before deciding how to continue. For the Japanese local government, whose assembly approves the budget for exchange, a defined period can make the commitment easier to explain.',
      },
      { type: 'h2', text: 'Two examples' },
      {
        type: 'dl',
        items: [
          {
            term: 'Kochi City and Surabaya, Indonesia',
            definition:
              'The two agreed in April 1997 on a relationship of five years. When the term ran out, they extended it by another five years.',
          },
          {
            term: 'Osaka Prefecture and Dubai, United Arab Emirates',
            definition:
              'The relationship began in October 2002 for three years. The partners then signed a renewal for three more years, and the relationship carried on beyond its first term.',
          },
        ],
      },
      {
        type: 'p',
        text: 'Both cases show that a fixed term need not be a limit. It can work as a trial period that turns into a lasting partnership.',
      },
      { type: 'h2', text: 'How Kizuna records fixed terms' },
      {
        type: 'ul',
        items: [
          'The end date of the current term is stored with the relationship.',
          'Each extension or renewal is kept in the relationship’s history with its date and the new end date, so the whole sequence of terms can be seen.',
          'Relationships whose term is about to end are listed, so that both partners have time to decide what comes next.',
          'A relationship whose term has passed without a recorded renewal can be marked as ended; its record and history stay in the registry.',
        ],
      },
      {
        type: 'note',
        text: 'When a renewal is signed, add it to the record promptly. Otherwise the relationship may appear to have ended when it has not.',
      },
    ],
    ja: [
      {
        type: 'p',
        text: '多くの姉妹都市協定には期限がなく、当事者は関係が末永く続くことを前提としています。一方で、最初から期間を定めて提携する自治体もあります。この場合、定めた期間の中で交流を進め、期間の満了時に、提携を終えるか、延長するか、改めて更新の協定を結ぶかを双方で判断します。',
      },
      { type: 'h2', text: '期間を定める理由' },
      {
        type: 'p',
        text: '期間を定めた提携は、特定のプロジェクトや産業、行事など、その時点で同じ目標を持つ相手と、恒久的な関係を約束することなく交流したい場合に適しています。期間の終わりは、それまでの交流の成果を振り返り、今後の進め方を考える節目にもなります。交流の予算を議会で承認する日本側の自治体にとっては、期間が明確であることで、取組の内容を説明しやすくなる面もあります。',
      },
      { type: 'h2', text: '2つの事例' },
      {
        type: 'dl',
        items: [
          {
            term: '高知市とスラバヤ市（インドネシア）',
            definition: '1997年（平成9年）4月に、期間を5年とする提携を結びました。期間の満了に当たり、さらに5年間延長しています。',
          },
          {
            term: '大阪府とドバイ市（アラブ首長国連邦）',
            definition:
              '2002年（平成14年）10月に、期間を3年とする提携を始めました。その後、さらに3年間更新する協定を結び、当初の期間を超えて関係が続いています。',
          },
        ],
      },
      {
        type: 'p',
        text: 'いずれの事例も、期間の定めが関係の限界ではないことを示しています。期間を定めた提携が試行期間の役割を果たし、長く続くパートナーシップへと発展することもあります。',
      },
      { type: 'h2', text: 'Kizunaでの記録方法' },
      {
        type: 'ul',
        items: [
          '現在の期間の終了日を、提携データとともに記録します。',
          '延長や更新は、その日付と新しい終了日を履歴として記録し、これまでの期間の推移を確認できるようにします。',
          '期間の終了が近い提携を一覧で表示し、双方が余裕をもって今後の対応を検討できるようにします。',
          '更新の記録がないまま期間が過ぎた提携は、「終了」とすることができます。その場合も、提携データと履歴は登録簿に残ります。',
        ],
      },
      {
        type: 'note',
        text: '更新の協定を結んだときは、速やかに記録に追加してください。追加されていないと、提携が続いているにもかかわらず、終了したように見えてしまうことがあります。',
      },
    ],
  },
};

const otherExchange: Guide = {
  slug: 'other-exchange',
  title: {
    en: 'Other kinds of international exchange',
    ja: '姉妹都市以外の国際交流',
  },
  summary: {
    en: 'Economic exchange agreements, informal friendship, multilateral conferences, disaster support and school exchange, and how to keep any relationship alive.',
    ja: '経済交流協定、協定によらない友好交流、多国間の会議、災害時の支援、学校間交流など、さまざまな国際交流の形と、関係を長く続けるための工夫をご紹介します。',
  },
  body: {
    en: [
      {
        type: 'p',
        text: 'A sister city is only one of the ways a local government can work internationally. As part of wider plans to open their regions to the world, local governments work with partners abroad on many other fronts, often through arrangements that are narrower or looser than a sister city relationship.',
      },
      { type: 'h2', text: 'Economic exchange agreements' },
      {
        type: 'p',
        text: 'Agreements devoted to the economy, industry or science are becoming more common, as regions look abroad for trade and research partners. Two examples:',
      },
      {
        type: 'ul',
        items: [
          'The Organization for the East Asia Economic Development brings together three Japanese cities (Shimonoseki, Kitakyushu and Fukuoka), four Chinese cities and three Korean cities to promote economic exchange across the region.',
          'Ehime Prefecture and the city of Dalian, China, set up the Ehime–Dalian Economic Friendship Association, in which businesses work alongside the two governments, with trade and industry at the centre.',
        ],
      },
      { type: 'h2', text: 'Friendship without a formal agreement' },
      {
        type: 'p',
        text: 'Many local governments keep up exchange with a foreign counterpart without ever signing an agreement: a link that grew from a visit, a school partnership or a shared festival. Some treat such a tie as a first stage before a formal relationship. Kizuna can record these under the label the two partners use, with CLAIR’s conditions marked as not met or unknown.',
      },
      { type: 'h2', text: 'Multilateral conferences' },
      {
        type: 'ul',
        items: [
          'The Japan–China–South Korea Trilateral Local Government Exchange Conference, founded in 1999 and held every year since, strengthens relations and cooperation among local governments of three neighbours that share a long history and common problems.',
          'The Japan–France Local Government Exchange Conference, first held in 2008 and every other year since, brings together Japanese and French partner towns to compare the problems they face on both sides.',
        ],
      },
      { type: 'h2', text: 'Disaster support and school exchange' },
      {
        type: 'p',
        text: 'Partners can help each other before and after a disaster with advice, staff or supplies, and some local governments have sent medical equipment and everyday necessities to their partners as international cooperation. Schools, too, form their own links, with homestays, exchange students and exchanges of pupils’ artwork, whether or not their towns are sister cities.',
      },
      { type: 'h2', text: 'Keeping relationships alive' },
      {
        type: 'p',
        text: 'A 2019 newspaper op-ed warned that some of Japan’s relationships may exist in name only, with no real activity or continuity. Its author advised communities to aim for four to eight relationships, so that a quiet spell in one does not stall international work as a whole, and pointed out that the partners of one local government can build links with each other. Kizuna helps by letting officers log exchange activities by field; a relationship with no recorded exchange for several years is flagged as possibly “in name only”.',
      },
      {
        type: 'note',
        text: 'The flag is a prompt to look, not a verdict: a relationship may be active without anyone having logged it yet.',
      },
    ],
    ja: [
      {
        type: 'p',
        text: '姉妹都市提携は、自治体の国際的な取組の一つの形です。地域の国際化を進める中で、自治体は多様な形で海外との協力や交流を行っており、目的を絞った関係や、より緩やかな関係を結ぶことも少なくありません。',
      },
      { type: 'h2', text: '経済交流協定' },
      {
        type: 'p',
        text: '近年は、地域間の経済・産業・学術の交流を目的とした協定を結ぶ自治体が増えています。例えば、次のような取組があります。',
      },
      {
        type: 'ul',
        items: [
          '東アジア経済交流推進機構：日本の3市（下関市、北九州市、福岡市）と中国の4市、韓国の3市が参加し、地域の経済交流の促進に取り組んでいます。',
          '愛媛県と中国の大連市：両者で経済友好協会（Ehime–Dalian Economic Friendship Association）を設け、官民が一体となって経済を中心とした交流を進めています。',
        ],
      },
      { type: 'h2', text: '協定によらない友好交流' },
      {
        type: 'p',
        text: '協定を結ばずに海外の自治体と交流を続けている例も数多くあります。訪問や学校同士のつながり、共通の祭りなどをきっかけに生まれた関係で、正式な提携の前段階と位置付ける自治体もあります。Kizunaでは、こうした関係も当事者が用いている名称で記録し、CLAIRの要件は「いいえ」または「不明」として扱います。',
      },
      { type: 'h2', text: '多国間の会議' },
      {
        type: 'ul',
        items: [
          '日中韓3か国地方政府交流会議：歴史的・地理的に関係が深く、共通の課題を抱える3か国の自治体間の関係と協力を深めるため、1999年に始まり、毎年開催されています。',
          '日仏自治体交流会議：姉妹都市提携を結んでいる日本とフランスの自治体が共通の課題について話し合う場として2008年に始まり、以後隔年で開催されています。',
        ],
      },
      { type: 'h2', text: '災害時の支援と学校間の交流' },
      {
        type: 'p',
        text: '災害の前後に、助言や職員の派遣、物資の提供などで支え合うことも大切な協力です。国際協力として、提携先に医療機器や生活必需品を送った自治体もあります。また、姉妹都市であるかどうかにかかわらず、学校同士が独自に結び付き、ホームステイや留学生の派遣・受入れ、児童生徒の作品の交換などを行う例もあります。',
      },
      { type: 'h2', text: '関係を長く続けるために' },
      {
        type: 'p',
        text: '2019年のある新聞への寄稿では、日本の提携の中には、実際の交流や継続性を伴わない「名ばかり」のものがあるのではないかと指摘されています。筆者は、一つの関係が停滞しても取組全体が止まらないよう、4から8程度の提携を目指すことを勧め、同じ自治体の提携先同士が関係を築くこともできると述べています。Kizunaでは、担当者が分野別に交流の実績を記録でき、数年にわたって交流の記録がない提携には「名ばかりの可能性あり」の目印を付けます。',
      },
      {
        type: 'note',
        text: 'この目印は確認を促すためのもので、評価ではありません。交流が続いていても、記録がまだないだけの場合もあります。',
      },
    ],
  },
};

/** The guides of the public portal, in the order the portal lists them. */
export const GUIDES: Guide[] = [
  whatIsASisterCity,
  clairConditions,
  formingARelationship,
  writtenAgreement,
  fixedTermRelationships,
  otherExchange,
];

/** Short questions and answers drawing on the same facts as the guides. */
export const FAQ: FaqEntry[] = [
  {
    id: 'sister-or-friendship-city',
    question: {
      en: 'What is the difference between a sister city and a friendship city?',
      ja: '「姉妹都市」と「友好都市」はどう違うのですか。',
    },
    answer: {
      en: [
        {
          type: 'p',
          text: 'None that is official: neither term has a fixed definition. “Sister city” is the usual word in Japan because it was translated directly from the American term. China prefers “friendship city”, because “sister” can suggest that one city is the elder. In South Korea a “sister city” once had to be approved by the national government, but that requirement ended in 2004. Some local governments use “friendship city” for a looser tie, or as a step before becoming sister cities.',
        },
        {
          type: 'p',
          text: 'Kizuna keeps the label under which each relationship was signed, and CLAIR’s three conditions apply whatever the label.',
        },
      ],
      ja: [
        {
          type: 'p',
          text: 'どちらの言葉にも公式な定義はなく、実質的な違いはありません。日本で「姉妹都市」が一般的なのは、米国で生まれた言葉を直訳して使ってきたためです。中国では、「姉妹」には姉と妹という上下関係を連想させるおそれがあることから、「友好都市」が好まれています。韓国では、かつて国の承認を受けたものだけを「姉妹都市」と呼んでいましたが、この要件は2004年になくなりました。「友好都市」を、より緩やかな関係や、姉妹都市提携の前段階を表す言葉として用いる自治体もあります。',
        },
        {
          type: 'p',
          text: 'Kizunaでは、それぞれの提携が結ばれたときの名称をそのまま記録しています。CLAIRの3つの要件は、名称にかかわらず適用されます。',
        },
      ],
    },
  },
  {
    id: 'find-a-japanese-partner',
    question: {
      en: 'How can a local government outside Japan find a Japanese partner?',
      ja: '海外の自治体が日本の提携先を探すには、どうすればよいですか。',
    },
    answer: {
      en: [
        {
          type: 'p',
          text: 'There is no single route. If you already have contacts with a place in Japan, you can approach that local government directly. Otherwise, CLAIR can act as an intermediary: contact its International Exchange Division at the head office in Tokyo, or the CLAIR overseas office that covers your country.',
        },
        {
          type: 'p',
          text: 'On Kizuna you can publish a listing under “Finding a sister city”, browse the Japanese local governments that are looking for partners, and see candidates suggested by matchmaking. A coordinator can then pass on an introduction to the other side.',
        },
      ],
      ja: [
        {
          type: 'p',
          text: '方法は一つではありません。すでに日本のどこかの地域とつながりがある場合は、その自治体に直接相談することができます。心当たりがない場合は、CLAIRに仲介を依頼することができます。CLAIR本部（東京）の担当部署か、貴団体の所在国を所管するCLAIRの海外事務所にお問い合わせください。',
        },
        {
          type: 'p',
          text: 'Kizunaでは、「姉妹都市を探す」ページに提携先の募集情報を掲載したり、提携先を探している日本の自治体を閲覧したり、マッチング機能で示される候補を確認したりできます。その後、コーディネーターを通じて相手側に紹介を依頼することもできます。',
        },
      ],
    },
  },
  {
    id: 'japanese-lgs-seeking-partners',
    question: {
      en: 'Are there Japanese local governments looking for partners?',
      ja: '提携先を探している日本の自治体はありますか。',
    },
    answer: {
      en: [
        {
          type: 'p',
          text: 'Yes. Some Japanese local governments publish a profile stating which countries they hope to partner with and what kind of partner they have in mind. Three examples from CLAIR’s listings:',
        },
        {
          type: 'ul',
          items: [
            'Ibara City, Okayama Prefecture, known for its denim and for starry skies protected by Japan’s first ordinance against light pollution, hopes for a partner in an English-speaking country with a connection to stars or denim.',
            'Ujitawara Town, Kyoto Prefecture, where Japanese green tea as it is drunk today was first developed, hopes for a partner in an English-speaking country such as the United States, Canada or Australia, where children and students can experience each other’s culture.',
            'Nagi Town, Okayama Prefecture, known for its contemporary art museum and its local kabuki, hopes for a partner in Australia or New Zealand for educational exchange with its junior high school.',
          ],
        },
        {
          type: 'note',
          text: 'Listings change as partners are found. See the “Finding a sister city” pages for the current ones.',
        },
      ],
      ja: [
        {
          type: 'p',
          text: 'あります。希望する相手国や、提携先に望む特徴を示したプロフィールを公開している日本の自治体があります。CLAIRの掲載情報から3つの例をご紹介します。',
        },
        {
          type: 'ul',
          items: [
            '岡山県井原市：デニムの産地として、また日本初の光害防止条例で守られてきた星空のまちとして知られています。英語圏の国で、星またはデニムにゆかりのある自治体との提携を希望しています。',
            '京都府宇治田原町：現在飲まれている日本の緑茶の製法が生まれた地です。米国、カナダ、オーストラリアなどの英語圏の国で、子どもたちが互いの文化に触れられる交流のできる自治体との提携を希望しています。',
            '岡山県奈義町：現代美術館や地域に伝わる歌舞伎で知られています。オーストラリアまたはニュージーランドで、町内の中学校と教育交流のできる自治体との提携を希望しています。',
          ],
        },
        {
          type: 'note',
          text: '掲載情報は、提携先が決まるなどして変わります。最新の情報は「姉妹都市を探す」ページでご確認ください。',
        },
      ],
    },
  },
  {
    id: 'how-many-relationships',
    question: {
      en: 'How many sister city relationships does Japan have, and with which countries?',
      ja: '日本には姉妹都市提携がいくつあり、どの国との提携が多いのですか。',
    },
    answer: {
      en: [
        {
          type: 'p',
          text: 'More than 1,700. A 2019 newspaper op-ed counted 1,751 as of June 2019, held by 828 Japanese local governments, which is fewer than half of them. The United States accounts for about 30 % of Japan’s relationships and China for about 20 %, followed by South Korea and Australia. According to the Consulate General of Japan in San Francisco, there were 451 relationships with the United States as of May 2018, 105 of them with California, the most of any state. The share of Japanese local governments with at least one foreign partner, as of June 2019:',
        },
        {
          type: 'ul',
          items: [
            'Prefectures: 43 of 47 (91.4 %)',
            'Cities: 71.7 %',
            'Towns: 28.7 %',
            'Villages: 19.9 %',
          ],
        },
        {
          type: 'note',
          text: 'Kizuna’s statistics pages give the current figures, and the figures for any past date.',
        },
      ],
      ja: [
        {
          type: 'p',
          text: '1,700件を超えています。2019年のある新聞への寄稿によると、同年6月時点で1,751件あり、提携を持つ日本の自治体は828団体と、全体の半数に届いていませんでした。相手国別では米国が約30%、中国が約20%を占め、韓国、オーストラリアがこれに続きます。在サンフランシスコ日本国総領事館によると、2018年5月時点で米国との提携は451件あり、そのうち105件がカリフォルニア州の自治体とのもので、州別では最多です。2019年6月時点で、海外との提携を1件以上持つ自治体の割合は次のとおりです。',
        },
        {
          type: 'ul',
          items: [
            '都道府県：47団体中43団体（91.4%）',
            '市：71.7%',
            '町：28.7%',
            '村：19.9%',
          ],
        },
        {
          type: 'note',
          text: '最新の数値や、過去の任意の時点の数値は、Kizunaの統計ページでご覧いただけます。',
        },
      ],
    },
  },
  {
    id: 'what-does-clair-do',
    question: {
      en: 'What is CLAIR, and how does it help?',
      ja: 'CLAIR（自治体国際化協会）とはどのような団体ですか。',
    },
    answer: {
      en: [
        {
          type: 'p',
          text: 'The Council of Local Authorities for International Relations (CLAIR) was founded in 1988 as a government-affiliated foundation that supports the international work of Japan’s local governments. Where sister cities are concerned, it publishes Japan’s list of relationships, updated every month, helps local governments on either side find a partner and introduces them to each other, and advises existing partners on their exchange. It also:',
        },
        {
          type: 'ul',
          items: [
            'runs overseas offices in seven countries (in New York, London, Paris, Singapore, Seoul, Sydney and Beijing), which take requests from local governments in their areas and publish information about them;',
            'lists Japanese and foreign local governments that are looking for partners;',
            'presents, with the Ministry of Internal Affairs and Communications, a yearly commendation for outstanding international exchange by local governments;',
            'organises regular conferences, such as the Japan–China–South Korea and Japan–France local government exchange conferences.',
          ],
        },
        {
          type: 'note',
          text: 'Kizuna is open-source software for organisations that do this kind of work. For CLAIR’s own services, contact CLAIR directly.',
        },
      ],
      ja: [
        {
          type: 'p',
          text: '一般財団法人自治体国際化協会（CLAIR）は、日本の地方公共団体の国際化の取組を支援するため、1988年に設立された団体です。姉妹都市に関しては、毎月更新する日本の提携の一覧を公表しているほか、提携先を探す国内外の自治体の橋渡しや、提携後の交流についての助言を行っています。このほか、次のような活動も行っています。',
        },
        {
          type: 'ul',
          items: [
            '7か国に海外事務所（ニューヨーク、ロンドン、パリ、シンガポール、ソウル、シドニー、北京）を置き、所管地域の自治体からの提携の希望を受け付けるとともに、その地域の自治体に関する情報を発信しています。',
            '提携先を探している日本と海外の自治体の情報を掲載しています。',
            '総務省と共同で、優れた国際交流に取り組む自治体に対する総務大臣表彰を毎年行っています。',
            '日中韓3か国地方政府交流会議や日仏自治体交流会議など、定期的な会議を開催しています。',
          ],
        },
        {
          type: 'note',
          text: 'Kizunaは、こうした業務を担う団体のためのオープンソースソフトウェアです。CLAIRのサービスについては、CLAIRに直接お問い合わせください。',
        },
      ],
    },
  },
  {
    id: 'does-the-label-matter',
    question: {
      en: 'Does a relationship have to be called a “sister city” to count?',
      ja: '「姉妹都市」という名称でなければ、姉妹都市として扱われないのですか。',
    },
    answer: {
      en: [
        {
          type: 'p',
          text: 'No. CLAIR treats a relationship between two local governments as a sister (friendship) city relationship if the heads of both have signed an agreement, the exchange covers more than one field, and the assembly of the Japanese local government has approved a budget for it. The label does not matter. Kizuna records each of the three conditions as yes, no or unknown, and shows whether all three are met.',
        },
      ],
      ja: [
        {
          type: 'p',
          text: 'そのようなことはありません。CLAIRでは、双方の首長が署名した協定書があること、交流が複数の分野にわたること、日本側の自治体の議会で交流のための予算が承認されていることの3つを満たす関係を、名称にかかわらず姉妹（友好）都市提携として扱っています。Kizunaでは、3つの要件をそれぞれ「はい」「いいえ」「不明」で記録し、すべてを満たしているかどうかを表示します。',
        },
      ],
    },
  },
  {
    id: 'how-long-does-it-take',
    question: {
      en: 'How long does it take to form a relationship?',
      ja: '提携が成立するまで、どのくらいの期間がかかりますか。',
    },
    answer: {
      en: [
        {
          type: 'p',
          text: 'It differs from case to case, because no fixed procedure exists. A go-between, or a history of earlier exchange, usually shortens the process. Most relationships pass through eight steps, from gathering candidates to beginning exchange; the guide on forming a relationship describes each of them.',
        },
      ],
      ja: [
        {
          type: 'p',
          text: '事例によって異なります。決まった手続きはなく、仲介役がいるかどうかや、それまでに交流の実績があるかどうかによって期間は変わります。多くの場合、候補の情報収集から交流の開始まで8つのステップを経ます。各ステップについては、ガイド「姉妹（友好）都市提携の進め方」をご覧ください。',
        },
      ],
    },
  },
  {
    id: 'fixed-term',
    question: {
      en: 'Can a sister city relationship have an end date?',
      ja: '期限のある姉妹都市提携はありますか。',
    },
    answer: {
      en: [
        {
          type: 'p',
          text: 'Yes. Some are agreed for a set term. Kochi City and Surabaya in Indonesia agreed on five years from April 1997 and then extended the relationship by five more; Osaka Prefecture and Dubai agreed on three years from October 2002 and later renewed. Kizuna records the end of the current term and every renewal.',
        },
      ],
      ja: [
        {
          type: 'p',
          text: 'あります。高知市とインドネシアのスラバヤ市は1997年4月から5年間の提携を結び、その後さらに5年間延長しました。大阪府とドバイ市は2002年10月から3年間の提携を結び、その後更新しています。Kizunaでは、現在の期間の終了日と、すべての更新の履歴を記録しています。',
        },
      ],
    },
  },
  {
    id: 'exchange-activities',
    question: {
      en: 'What do sister cities actually do together?',
      ja: '姉妹都市同士では、どのような交流が行われていますか。',
    },
    answer: {
      en: [
        {
          type: 'p',
          text: 'A great variety of things. According to CLAIR’s figures, about 60 % of the Japanese local governments that have sister cities carry out educational or administrative exchange with them. Typical activities:',
        },
        {
          type: 'ul',
          items: [
            'Education: homestays, sending and receiving students, and exchanging pupils’ artwork.',
            'Administration: visits by mayors and delegations, and ceremonies for anniversaries and other milestones.',
            'Economy, tourism and cooperation: trade and tourism promotion, tree planting, and gifts of medical equipment and everyday necessities.',
          ],
        },
      ],
      ja: [
        {
          type: 'p',
          text: '交流の内容は多岐にわたります。CLAIRの調べでは、姉妹都市交流を行っている日本の自治体の約60%が、教育交流または行政交流を行っています。代表的な例は次のとおりです。',
        },
        {
          type: 'ul',
          items: [
            '教育交流：ホームステイ、留学生の派遣・受入れ、児童生徒の作品の交換など。',
            '行政交流：首長や訪問団の相互訪問、周年などの節目を記念する式典など。',
            '経済・観光交流や国際協力：経済・観光の振興、植樹、医療機器や生活必需品の提供など。',
          ],
        },
      ],
    },
  },
  {
    id: 'what-the-statistics-count',
    question: {
      en: 'What do the statistics on this site count?',
      ja: 'このサイトの統計は、何を数えているのですか。',
    },
    answer: {
      en: [
        {
          type: 'p',
          text: 'They count the relationships in Kizuna’s registry, as of the date you choose. A few points to bear in mind:',
        },
        {
          type: 'ul',
          items: [
            'Only international relationships are counted. Relationships between two Japanese local governments are kept in the registry but are left out of the international figures.',
            'Coverage, the share of local governments of a kind with at least one foreign partner, leaves out the six villages of the Northern Territories, which have local government codes but no working local administration today.',
            'Part of the data comes from a data set drawn from Wikipedia, which records only which places are paired, with no date and no label. Figures that depend on a date, such as growth by year or totals as of a past date, therefore cover only relationships whose date is recorded.',
            'Totals include every international relationship whatever its label; figures can also be grouped by label.',
          ],
        },
      ],
      ja: [
        {
          type: 'p',
          text: 'Kizunaの登録簿にある提携を、指定した時点で数えています。次の点にご留意ください。',
        },
        {
          type: 'ul',
          items: [
            '数えているのは国際的な提携だけです。日本の自治体同士の提携（国内提携）も登録簿には記録していますが、国際提携の統計には含めていません。',
            '種別ごとのカバー率（海外との提携を1件以上持つ自治体の割合）の計算では、北方領土の6村を除いています。これらの村には地方公共団体コードがありますが、現在、村としての行政は行われていないためです。',
            'データの一部は、Wikipediaをもとにしたデータセットから取り込んでいます。このデータセットには提携の組合せだけが記録されており、提携の年月日や名称はありません。そのため、年ごとの推移や過去の時点での件数など、日付に基づく数値は、年月日が記録されている提携だけを対象としています。',
            '合計には、名称にかかわらずすべての国際提携を含めています。名称別に集計することもできます。',
          ],
        },
      ],
    },
  },
  {
    id: 'quiet-relationships',
    question: {
      en: 'What if a relationship has gone quiet?',
      ja: '交流が途絶えている提携は、どうすればよいですか。',
    },
    answer: {
      en: [
        {
          type: 'p',
          text: 'It happens often: staff move on, budgets shrink, and a relationship can end up existing in name only. Kizuna flags relationships with no recorded exchange for several years, so that they can be checked. An upcoming anniversary is a good reason to get back in touch, and Kizuna lists which relationships turn 10, 25 or 50 in a given year. A 2019 newspaper op-ed suggested keeping four to eight relationships, so that a quiet spell in one does not halt a local government’s international work.',
        },
      ],
      ja: [
        {
          type: 'p',
          text: '担当者の異動や予算の縮小などにより、提携が名ばかりになってしまうことは珍しくありません。Kizunaでは、数年にわたって交流の記録がない提携に目印を付け、確認を促しています。周年の節目は、改めて連絡を取る良いきっかけになります。Kizunaでは、その年に10周年、25周年、50周年などを迎える提携を一覧で確認できます。2019年のある新聞への寄稿では、一つの関係が停滞しても自治体の国際的な取組が止まらないよう、4から8程度の提携を持つことを勧めています。',
        },
      ],
    },
  },
];

/** The guide with the given slug, or undefined if there is none. */
export function findGuide(slug: string): Guide | undefined {
  return GUIDES.find((guide) => guide.slug === slug);
}
