/**
 * Themes that sister-city relationships form around (stars, denim, tea, kabuki…), each with the
 * English and Japanese words that mention it, so that matchmaking can say "both mention stars and
 * astronomy" of two listings whatever language they are written in.
 */

export interface Theme {
  id: string;
  /** Reads after "both mention": "stars and astronomy". */
  en: string;
  /** Reads before "に触れています": "星・天文". */
  ja: string;
  /** English words and phrases, lower case, matched as whole words; their plurals (-s, -es, -ies) match too. */
  enWords: readonly string[];
  /** Japanese words, matched wherever they occur in a text. */
  jaWords: readonly string[];
  /** Words or phrases, matched as the above, that contain one of them but mean something else: 空港 is an airport, not a port. */
  falseFriends?: readonly string[];
}

export const THEMES: readonly Theme[] = [
  {
    id: 'astronomy',
    en: 'stars and astronomy',
    ja: '星・天文',
    enWords: [
      'star', 'starry', 'stargazing', 'night sky', 'dark sky', 'light pollution', 'astronomy', 'astronomical', 'astronomer',
      'observatory', 'telescope', 'planetarium', 'cosmos', 'outer space', 'universe', 'galaxy', 'milky way', 'meteor', 'comet',
    ],
    jaWords: ['星', '天文', '天体', '望遠鏡', '宇宙', 'プラネタリウム', '銀河', '天の川', '光害'],
    falseFriends: ['cosmos flower', 'cosmos field', 'five star', 'rock star'],
  },
  {
    id: 'textiles',
    en: 'denim and textiles',
    ja: 'デニム・繊維',
    enWords: ['denim', 'jeans', 'textile', 'fabric', 'cloth', 'clothing', 'garment', 'apparel', 'weaving', 'weaver', 'loom', 'sewing', 'spinning mill', 'cotton', 'silk', 'indigo', 'dyeing'],
    jaWords: ['デニム', 'ジーンズ', '繊維', '織物', '機織', '紡績', '縫製', '綿花', '木綿', '絹', 'シルク', '養蚕', '藍染', 'テキスタイル', 'アパレル', '布地'],
  },
  {
    id: 'tea',
    en: 'tea',
    ja: 'お茶',
    enWords: ['tea', 'matcha', 'sencha', 'gyokuro', 'teahouse'],
    jaWords: ['茶', '玉露'],
    falseFriends: ['茶色', '茶髪', '茶番', '茶の間', '無茶', '滅茶', '喫茶店'],
  },
  {
    id: 'theatre',
    en: 'kabuki and theatre',
    ja: '歌舞伎・演劇',
    enWords: ['kabuki', 'theatre', 'theater', 'drama', 'noh', 'kyogen', 'bunraku', 'kagura', 'stage play', 'stage performance', 'performing art', 'playwright'],
    jaWords: ['歌舞伎', '演劇', '劇場', '劇団', '芝居', '能楽', '能舞台', '狂言', '文楽', '浄瑠璃', '神楽', '伝統芸能'],
  },
  {
    id: 'snow_sports',
    en: 'skiing and snow sports',
    ja: 'スキー・雪のスポーツ',
    enWords: ['ski', 'skiing', 'skier', 'snowboard', 'snowboarding', 'snow sport', 'winter sport', 'skating', 'ice hockey', 'curling'],
    jaWords: ['スキー', 'スノーボード', 'ウィンタースポーツ', 'ウインタースポーツ', 'スケート', 'アイスホッケー', 'カーリング'],
    falseFriends: ['スキーム'],
  },
  {
    id: 'hot_springs',
    en: 'hot springs',
    ja: '温泉',
    enWords: ['hot spring', 'onsen', 'spa', 'thermal bath', 'thermal spring'],
    jaWords: ['温泉', '湯治', '露天風呂', '足湯'],
  },
  {
    id: 'wine',
    en: 'wine and vineyards',
    ja: 'ワイン・ぶどう畑',
    enWords: ['wine', 'vineyard', 'winery', 'winemaking', 'winemaker', 'viticulture', 'vintner', 'sommelier'],
    jaWords: ['ワイン', 'ワイナリー', 'ぶどう酒', '葡萄酒', '醸造用ぶどう', 'ソムリエ'],
    falseFriends: ['rice wine'],
  },
  {
    id: 'sake',
    en: 'sake and brewing',
    ja: '日本酒・醸造',
    enWords: ['sake', 'nihonshu', 'shochu', 'awamori', 'rice wine', 'brewery', 'brewing', 'brewer'],
    jaWords: ['日本酒', '地酒', '清酒', '酒蔵', '酒造', '蔵元', '杜氏', '醸造', '焼酎', '泡盛'],
    falseFriends: ['for the sake'],
  },
  {
    id: 'beer',
    en: 'beer',
    ja: 'ビール',
    enWords: ['beer', 'brewpub', 'lager', 'oktoberfest'],
    jaWords: ['ビール', 'ブルワリー', 'ビアホール', 'ビアガーデン'],
  },
  {
    id: 'ports',
    en: 'ports and harbours',
    ja: '港',
    enWords: ['port', 'harbour', 'harbor', 'seaport', 'wharf', 'quay', 'pier'],
    jaWords: ['港', '埠頭'],
    falseFriends: ['空港', '香港'],
  },
  {
    id: 'universities',
    en: 'universities and higher education',
    ja: '大学・高等教育',
    enWords: ['university', 'college', 'higher education', 'campus', 'academic', 'research institute'],
    jaWords: ['大学', '高等教育', '高専', '研究機関', 'キャンパス'],
  },
  {
    id: 'schools',
    en: 'schools and youth exchange',
    ja: '学校・青少年交流',
    enWords: ['school', 'pupil', 'student', 'youth', 'young people', 'teenager', 'homestay', 'study abroad'],
    jaWords: ['学校', '高校', '生徒', '児童', '学生', '青少年', '若者', 'ホームステイ', '留学', '修学旅行', '教育交流'],
  },
  {
    id: 'fruit',
    en: 'fruit growing',
    ja: '果樹・果物',
    enWords: ['fruit', 'orchard', 'peach', 'grape', 'apple', 'pear', 'cherries', 'persimmon', 'citrus', 'mandarin orange', 'melon', 'strawberry', 'blueberry'],
    jaWords: ['果物', '果樹', '果実', 'フルーツ', '桃', 'ぶどう', 'ブドウ', '葡萄', 'りんご', 'リンゴ', '林檎', '梨', '柿', 'みかん', '柑橘', 'メロン', 'いちご', 'イチゴ', '苺', 'さくらんぼ', 'サクランボ'],
    falseFriends: ['桃山', '桃太郎', '山梨'],
  },
  {
    id: 'farming',
    en: 'rice and farming',
    ja: '米・農業',
    enWords: ['rice', 'paddy', 'farming', 'farm', 'farmer', 'agriculture', 'agricultural', 'crop', 'vegetable'],
    jaWords: ['お米', '米作', '米どころ', '稲作', '稲穂', '稲刈り', '水田', '田んぼ', '棚田', '農', '野菜'],
  },
  {
    id: 'fisheries',
    en: 'fisheries and seafood',
    ja: '漁業・水産',
    enWords: ['fishery', 'fishing', 'fisherman', 'fishermen', 'fish', 'seafood', 'aquaculture', 'oyster', 'crab', 'tuna', 'scallop', 'seaweed'],
    jaWords: ['漁', '水産', '魚', '海産物', '海の幸', '養殖', '牡蠣', '蟹', 'マグロ', 'ホタテ', '海苔', '昆布'],
    falseFriends: ['魚沼'],
  },
  {
    id: 'forestry',
    en: 'forestry and wood',
    ja: '林業・木材',
    enWords: ['forestry', 'forest', 'timber', 'lumber', 'wood', 'wooden', 'woodworking', 'sawmill', 'cedar', 'cypress', 'hinoki'],
    jaWords: ['林業', '森林', '山林', '木材', '材木', '製材', '木工', '植林', '間伐', '杉林', '杉材', '檜', 'ヒノキ'],
  },
  {
    id: 'cattle',
    en: 'cattle and dairy',
    ja: '畜産・酪農',
    enWords: ['cattle', 'cow', 'beef', 'wagyu', 'dairy', 'milk', 'cheese', 'livestock', 'ranch', 'pasture'],
    jaWords: ['和牛', '肉牛', '乳牛', '牛肉', '牛乳', '牛舎', 'ビーフ', '畜産', '酪農', '乳製品', 'チーズ', 'ミルク', '牧場', '牧畜', '放牧'],
  },
  {
    id: 'castles',
    en: 'castles and historic sites',
    ja: '城・史跡',
    enWords: ['castle', 'fortress', 'ruins', 'historic site', 'burial mound', 'kofun', 'world heritage', 'japan heritage'],
    jaWords: ['城', '天守', '史跡', '遺跡', '古墳', '世界遺産', '日本遺産'],
    falseFriends: ['宮城', '茨城', '城陽'],
  },
  {
    id: 'temples',
    en: 'temples and shrines',
    ja: '寺社',
    enWords: ['temple', 'shrine', 'buddhist', 'buddhism', 'shinto', 'pagoda', 'pilgrimage', 'pilgrim', 'monastery', 'monk'],
    jaWords: ['寺', '神社', '神宮', '大社', '仏閣', '仏教', '参拝', '巡礼', '遍路', '僧'],
  },
  {
    id: 'art',
    en: 'art and museums',
    ja: '美術・博物館',
    enWords: ['art', 'artist', 'artwork', 'museum', 'gallery', 'painting', 'painter', 'sculpture', 'sculptor'],
    jaWords: ['美術', '芸術', '博物館', 'ミュージアム', 'アート', 'ギャラリー', '彫刻', '絵画', '画家', 'インスタレーション'],
    falseFriends: ['martial art', 'state of the art', 'performing art'],
  },
  {
    id: 'music',
    en: 'music',
    ja: '音楽',
    enWords: ['music', 'musical', 'musician', 'orchestra', 'concert', 'choir', 'opera', 'jazz', 'taiko', 'drumming'],
    jaWords: ['音楽', '演奏', '楽団', '合唱', '吹奏楽', 'オーケストラ', 'コンサート', 'オペラ', 'ジャズ', '太鼓', '三味線'],
  },
  {
    id: 'festivals',
    en: 'festivals',
    ja: '祭り',
    enWords: ['festival', 'matsuri', 'carnival', 'parade', 'firework'],
    jaWords: ['祭', 'まつり', 'フェスティバル', '花火'],
  },
  {
    id: 'sport',
    en: 'sport',
    ja: 'スポーツ',
    enWords: ['sport', 'baseball', 'football', 'soccer', 'rugby', 'marathon', 'athletics', 'tennis', 'basketball', 'volleyball', 'swimming', 'cycling', 'golf', 'triathlon', 'olympic', 'stadium'],
    jaWords: ['スポーツ', '野球', 'サッカー', 'ラグビー', 'マラソン', '陸上競技', 'テニス', 'バスケットボール', 'バレーボール', '水泳', 'サイクリング', 'ゴルフ', 'トライアスロン', 'オリンピック', '五輪', '競技場', 'スタジアム'],
  },
  {
    id: 'martial_arts',
    en: 'martial arts',
    ja: '武道',
    enWords: ['martial art', 'judo', 'kendo', 'karate', 'aikido', 'kyudo', 'sumo'],
    jaWords: ['武道', '武術', '柔道', '剣道', '空手', '合気道', '弓道', '相撲'],
  },
  {
    id: 'mountains',
    en: 'mountains',
    ja: '山',
    enWords: ['mountain', 'mount', 'mountaineering', 'hiking', 'hiker', 'trekking', 'alpine', 'highlands', 'plateau'],
    jaWords: ['山岳', '登山', '山頂', '山脈', '連峰', '山並み', '山々', '山あい', '山間', '高原', 'アルプス', 'ハイキング', 'トレッキング'],
  },
  {
    id: 'rivers',
    en: 'lakes and rivers',
    ja: '湖・川',
    enWords: ['lake', 'river', 'riverside', 'riverbank', 'waterfall', 'gorge', 'canal', 'stream', 'lagoon', 'wetland'],
    jaWords: ['湖', '河川', '川沿い', '川辺', '川遊び', '清流', '渓谷', '渓流', '峡', '滝', '運河', '湿原'],
    falseFriends: ['滝沢', '滝川'],
  },
  {
    id: 'sea',
    en: 'the sea and beaches',
    ja: '海・海辺',
    enWords: ['sea', 'seaside', 'beach', 'coast', 'coastline', 'coastal', 'ocean', 'shore', 'surfing', 'marine'],
    jaWords: ['海', 'ビーチ', '砂浜', '浜辺', '沿岸', '湾'],
    falseFriends: ['海外', '北海道', '東海', '上海', '海老', '台湾', '港湾'],
  },
  {
    id: 'islands',
    en: 'islands',
    ja: '島',
    enWords: ['island', 'isle', 'islet', 'archipelago'],
    jaWords: ['島'],
    // Place names first: Hiroshima is no island.
    falseFriends: ['広島', '鹿児島', '島根', '徳島', '福島', '児島', '島田', '半島'],
  },
  {
    id: 'flowers',
    en: 'cherry blossoms and flowers',
    ja: '桜・花',
    enWords: ['cherry tree', 'sakura', 'flower', 'blossom', 'tulip', 'lavender', 'sunflower', 'hydrangea', 'azalea', 'chrysanthemum', 'camellia', 'wisteria', 'lotus', 'iris'],
    jaWords: ['桜', 'さくら', 'サクラ', '花', 'チューリップ', 'ラベンダー', 'ひまわり', 'ヒマワリ', 'あじさい', 'アジサイ', '紫陽花', 'つつじ', 'ツツジ', 'コスモス', '藤の花', '藤棚'],
    falseFriends: ['花火', '花巻', '桜島', 'さくらんぼ', 'サクランボ'],
  },
  {
    id: 'gardens',
    en: 'gardens',
    ja: '庭園',
    enWords: ['garden', 'gardening', 'bonsai'],
    jaWords: ['庭園', '植物園', 'ガーデン', '庭師', '盆栽'],
    falseFriends: ['beer garden', 'ビアガーデン'],
  },
  {
    id: 'manufacturing',
    en: 'cars and manufacturing',
    ja: '自動車・ものづくり',
    enWords: ['automobile', 'automotive', 'car maker', 'carmaker', 'car industry', 'motor', 'vehicle', 'manufacturing', 'manufacturer', 'factory', 'industrial', 'machinery'],
    jaWords: ['自動車', '製造業', 'ものづくり', 'モノづくり', '工場', '工業', '機械'],
  },
  {
    id: 'pottery',
    en: 'pottery and ceramics',
    ja: '陶芸・焼き物',
    enWords: ['pottery', 'potter', 'ceramic', 'porcelain', 'stoneware', 'earthenware', 'kiln'],
    jaWords: ['陶', '磁器', '焼き物', 'やきもの', '窯'],
  },
  {
    id: 'crafts',
    en: 'traditional crafts',
    ja: '伝統工芸',
    enWords: ['craft', 'handicraft', 'craftsman', 'craftsmen', 'craftsmanship', 'artisan', 'lacquer', 'lacquerware', 'washi', 'papermaking', 'cutlery', 'bamboo work'],
    jaWords: ['工芸', '職人', '匠', '漆', '和紙', '手仕事', '工房', '刃物', '細工'],
    falseFriends: ['craft beer'],
  },
  {
    id: 'aviation',
    en: 'aviation and space flight',
    ja: '航空・宇宙開発',
    enWords: ['aviation', 'aerospace', 'aircraft', 'airport', 'airline', 'aeroplane', 'airplane', 'rocket', 'space centre', 'space center', 'spaceport'],
    jaWords: ['航空', '空港', '飛行機', '飛行場', 'ロケット', '人工衛星', '宇宙センター', '宇宙開発'],
  },
  {
    id: 'technology',
    en: 'technology and IT',
    ja: '先端技術・IT',
    enWords: ['technology', 'software', 'digital', 'robot', 'robotics', 'semiconductor', 'electronics', 'startup', 'high tech', 'science park'],
    jaWords: ['情報技術', '情報通信', 'ソフトウェア', 'デジタル', 'ロボット', '半導体', '電子部品', 'エレクトロニクス', '先端技術', 'ハイテク', 'テクノロジー', 'スタートアップ'],
  },
  {
    id: 'energy',
    en: 'energy and power',
    ja: 'エネルギー・発電',
    enWords: [
      'energy', 'renewable', 'solar power', 'wind power', 'wind farm', 'geothermal', 'hydroelectric', 'hydropower',
      'power plant', 'power station', 'nuclear power', 'nuclear plant', 'biomass', 'hydrogen',
    ],
    jaWords: ['エネルギー', '再生可能', '太陽光', '風力', '地熱', '水力', '発電', '原子力', '原発', 'バイオマス', '水素'],
  },
  {
    id: 'tourism',
    en: 'tourism',
    ja: '観光',
    enWords: ['tourism', 'tourist', 'sightseeing', 'travel'],
    jaWords: ['観光', 'ツーリズム', '旅行', 'インバウンド'],
  },
  {
    id: 'peace',
    en: 'peace',
    ja: '平和',
    enWords: ['peace', 'atomic bomb', 'atomic bombing', 'hibakusha', 'nuclear weapon', 'nuclear disarmament', 'war memorial'],
    jaWords: ['平和記念', '平和祈念', '平和公園', '平和都市', '平和宣言', '平和教育', '平和学習', '平和活動', '世界平和', '恒久平和', '原爆', '被爆', '核兵器', '核廃絶', '非核', '反戦'],
  },
  {
    id: 'volcanoes',
    en: 'volcanoes',
    ja: '火山',
    enWords: ['volcano', 'volcanic', 'eruption', 'lava', 'caldera', 'crater'],
    jaWords: ['火山', '噴火', '溶岩', 'カルデラ', '火口', '噴煙'],
  },
  {
    id: 'whales',
    en: 'whales and dolphins',
    ja: '鯨・イルカ',
    enWords: ['whale', 'whaling', 'dolphin'],
    jaWords: ['鯨', 'くじら', 'クジラ', 'ホエール', 'イルカ'],
  },
  {
    id: 'samurai',
    en: 'samurai and historical figures',
    ja: '武士・歴史上の人物',
    enWords: ['samurai', 'ninja', 'shogun', 'shogunate', 'daimyo', 'feudal lord', 'warlord', 'historical figure', 'castle lord'],
    jaWords: ['侍', 'サムライ', '武士', '武将', '忍者', '将軍', '大名', '藩主', '城主', '偉人', '戦国', '幕末', '新選組'],
  },
  {
    id: 'railways',
    en: 'railways',
    ja: '鉄道',
    enWords: ['railway', 'railroad', 'rail', 'train', 'shinkansen', 'locomotive', 'tram', 'monorail'],
    jaWords: ['鉄道', '電車', '列車', '新幹線', '機関車', '線路', '駅舎'],
  },
  {
    id: 'trade',
    en: 'trade and business',
    ja: '貿易・経済',
    enWords: ['trade', 'business', 'commerce', 'commercial', 'export', 'import', 'economy', 'economic', 'investment', 'enterprise'],
    jaWords: ['貿易', '経済', '商業', '商工', '輸出', '輸入', '投資', 'ビジネス', '企業'],
  },
  {
    id: 'health',
    en: 'medicine and health',
    ja: '医療・健康',
    enWords: ['medicine', 'medical', 'hospital', 'health', 'healthcare', 'doctor', 'nursing', 'welfare', 'pharmaceutical'],
    jaWords: ['医療', '医学', '病院', '健康', '医師', '看護', '介護', '福祉', '医薬', '製薬', '薬草'],
  },
  {
    id: 'child_rearing',
    en: 'child-rearing and families',
    ja: '子育て',
    enWords: ['child rearing', 'childcare', 'parenting', 'birth rate', 'nursery school', 'kindergarten'],
    jaWords: ['子育て', '育児', '出生率', '保育', '幼稚園'],
  },
  {
    id: 'food',
    en: 'food and local cuisine',
    ja: '食・郷土料理',
    enWords: ['food', 'cuisine', 'gastronomy', 'gourmet', 'local dish', 'local produce', 'local speciality', 'local specialty', 'noodle', 'soba', 'udon', 'ramen', 'sushi', 'restaurant'],
    jaWords: ['料理', 'グルメ', '食文化', '特産品', '蕎麦', 'うどん', 'ラーメン', '寿司', 'レストラン'],
  },
  {
    id: 'fossils',
    en: 'fossils and dinosaurs',
    ja: '化石・恐竜',
    enWords: ['fossil', 'dinosaur', 'palaeontology', 'paleontology'],
    jaWords: ['化石', '恐竜'],
  },
  {
    id: 'architecture',
    en: 'architecture',
    ja: '建築',
    enWords: ['architecture', 'architect', 'architectural'],
    jaWords: ['建築'],
  },
  {
    id: 'literature',
    en: 'literature and poetry',
    ja: '文学・詩歌',
    enWords: ['literature', 'literary', 'poetry', 'poet', 'poem', 'haiku', 'novelist', 'writer'],
    jaWords: ['文学', '俳句', '短歌', '和歌', '詩人', '小説', '作家', '文豪'],
  },
  {
    id: 'emigration',
    en: 'emigration',
    ja: '移民',
    enWords: ['emigrant', 'emigration', 'immigrant', 'immigration', 'migrant', 'settler', 'japanese descent', 'japanese community', 'japanese american', 'japanese brazilian', 'japanese canadian'],
    jaWords: ['移民', '入植', '日系人', '日系社会'],
  },
];

/** English words end where a folded text has anything but a Latin letter or a digit. */
const LATIN_EDGE = '[\\p{Script=Latin}\\d]';

/** An English word or phrase as a pattern: spaces and hyphens alike, its last word singular or plural. */
function englishPattern(phrase: string): string {
  const words = phrase.split(/[\s-]+/).map(escapeRegExp);
  const last = words.pop()!;
  const plural = /[^aeiou]y$/.test(last)
    ? `${last.slice(0, -1)}(?:y|ies)`
    : /(?:s|x|z|ch|sh|o)$/.test(last)
      ? `${last}(?:es)?`
      : `${last}s?`;
  return [...words, plural].join('[\\s-]+');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One pattern for many words, longest first so that 茶色 is read before 茶. English words match
 * whole; Japanese ones, written without spaces, anywhere. The word edges are written once around
 * all the English words: a lookbehind for each would make the pattern slow to compile and to run.
 */
function patternOf(words: readonly string[], flags: string): RegExp {
  const longestFirst = [...words].sort((a, b) => b.length - a.length);
  const english = longestFirst.filter((word) => /^[a-z]/.test(word)).map(englishPattern);
  const japanese = longestFirst.filter((word) => !/^[a-z]/.test(word)).map(escapeRegExp);
  const alternatives = english.length > 0 ? [`(?<!${LATIN_EDGE})(?:${english.join('|')})(?!${LATIN_EDGE})`, ...japanese] : japanese;
  return new RegExp(alternatives.join('|'), flags);
}

/** Each theme's words, and the false friends to blank out before looking for them. */
const MATCHERS = THEMES.map((theme) => ({
  id: theme.id,
  words: patternOf([...theme.enWords, ...theme.jaWords], 'u'),
  falseFriends: theme.falseFriends ? patternOf(theme.falseFriends, 'gu') : null,
}));

/** Every word and false friend of every theme: one pass over a text finds the spans worth a closer look. */
const ANY_WORD = patternOf(
  THEMES.flatMap((theme) => [...theme.enWords, ...theme.jaWords, ...(theme.falseFriends ?? [])]),
  'gu',
);

/** The themes of each span found so far; spans are words of the vocabulary, so this stays small. */
const themesOfSpan = new Map<string, readonly string[]>();

function themesOf(span: string): readonly string[] {
  const key = span.replace(/[\s-]+/g, ' ');
  let ids = themesOfSpan.get(key);
  if (!ids) {
    ids = MATCHERS.filter(({ words, falseFriends }) => words.test(falseFriends ? key.replace(falseFriends, ' ') : key)).map(({ id }) => id);
    themesOfSpan.set(key, ids);
  }
  return ids;
}

const THEMES_BY_ID = new Map(THEMES.map((theme) => [theme.id, theme]));

/**
 * The ids of the themes a text mentions, in English or Japanese or both mixed. Full-width letters
 * and half-width kana are folded first (ＳＫＩ → ski).
 *
 * @example themesIn('The holy land of デニム, where the stars shine') // Set { 'astronomy', 'textiles' }
 */
export function themesIn(text: string): Set<string> {
  const folded = text.normalize('NFKC').toLowerCase();
  const found = new Set<string>();
  // exec on the one compiled pattern: matchAll would compile a copy of it for every text.
  ANY_WORD.lastIndex = 0;
  for (let match = ANY_WORD.exec(folded); match; match = ANY_WORD.exec(folded)) {
    for (const id of themesOf(match[0])) found.add(id);
  }
  return found;
}

/** The theme with this id, if there is one. */
export function findTheme(id: string): Theme | undefined {
  return THEMES_BY_ID.get(id);
}
