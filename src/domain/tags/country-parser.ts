import { foldTagText, quoteLines, toleranceKey, toleratePattern } from './tag-text.ts';

/**
 * Country of origin as printed ("MADE IN CHINA", "Made in Viet Nam", "FABRIQUÉ AU CANADA", "HECHO EN MÉXICO"),
 * and as OCR misreads it ("MACE IN CHINA").
 */
export interface CountryFinding {
  /** The country as eBay's Country/Region of Manufacture names it. */
  country: string;
  text: string;
}

/** eBay name, then the spellings labels use (English, French, Spanish, Italian, German, Portuguese). */
const COUNTRIES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['China', ['CHINA', 'CHINE', 'CINA', 'P R C', 'P R CHINA', 'PEOPLES REPUBLIC OF CHINA', 'PEOPLE S REPUBLIC OF CHINA']],
  ['Vietnam', ['VIET NAM', 'VIETNAME']],
  ['Bangladesh', ['BANGLADESH', 'BANGLADESCH']],
  ['India', ['INDIA', 'INDE', 'INDIEN']],
  ['Indonesia', ['INDONESIA', 'INDONESIE', 'INDONESIEN']],
  ['Cambodia', ['CAMBODIA', 'CAMBODGE', 'CAMBOYA', 'KAMBODSCHA', 'CAMBOGIA']],
  ['Sri Lanka', ['SRI LANKA']],
  ['Pakistan', ['PAKISTAN']],
  ['Turkey', ['TURKEY', 'TURQUIE', 'TURQUIA', 'TURKIYE', 'TURKEI', 'TURCHIA']],
  ['Mexico', ['MEXICO', 'MEXIQUE', 'MEXIKO', 'MESSICO']],
  [
    'United States',
    ['U S A', 'U S', 'UNITED STATES', 'UNITED STATES OF AMERICA', 'AMERICA', 'ETATS UNIS', 'EE UU', 'ESTADOS UNIDOS'],
  ],
  ['Canada', ['CANADA', 'KANADA']],
  ['Italy', ['ITALY', 'ITALIA', 'ITALIE', 'ITALIEN']],
  ['Portugal', ['PORTUGAL', 'PORTOGALLO']],
  ['Spain', ['SPAIN', 'ESPANA', 'ESPAGNE', 'SPANIEN', 'SPAGNA']],
  ['France', ['FRANCE', 'FRANCIA', 'FRANKREICH']],
  ['Germany', ['GERMANY', 'WEST GERMANY', 'ALLEMAGNE', 'ALEMANIA', 'DEUTSCHLAND', 'GERMANIA']],
  [
    'United Kingdom',
    ['UNITED KINGDOM', 'U K', 'GREAT BRITAIN', 'BRITAIN', 'ENGLAND', 'SCOTLAND', 'WALES', 'NORTHERN IRELAND', 'ROYAUME UNI', 'REINO UNIDO'],
  ],
  ['Ireland', ['IRELAND', 'IRLANDE', 'IRLANDA']],
  ['Romania', ['ROMANIA', 'ROUMANIE', 'RUMANIA', 'RUMANIEN']],
  ['Bulgaria', ['BULGARIA', 'BULGARIE', 'BULGARIEN']],
  ['Poland', ['POLAND', 'POLOGNE', 'POLONIA', 'POLEN']],
  ['Lithuania', ['LITHUANIA', 'LITUANIE', 'LITUANIA', 'LITAUEN']],
  ['Hungary', ['HUNGARY', 'HONGRIE', 'HUNGRIA', 'UNGARN']],
  ['Czech Republic', ['CZECH REPUBLIC', 'CZECHIA', 'REPUBLIQUE TCHEQUE', 'TSCHECHIEN']],
  ['Slovakia', ['SLOVAKIA', 'SLOVAQUIE', 'ESLOVAQUIA']],
  ['Ukraine', ['UKRAINE', 'UCRANIA']],
  ['Moldova', ['MOLDOVA', 'MOLDAVIE', 'MOLDAVIA']],
  ['Macedonia', ['MACEDONIA', 'NORTH MACEDONIA', 'MACEDOINE']],
  ['Albania', ['ALBANIA', 'ALBANIE']],
  ['Bosnia and Herzegovina', ['BOSNIA AND HERZEGOVINA', 'BOSNIA HERZEGOVINA', 'BOSNIA']],
  ['Serbia', ['SERBIA', 'SERBIE']],
  ['Croatia', ['CROATIA', 'CROATIE', 'CROACIA']],
  ['Greece', ['GREECE', 'GRECE', 'GRECIA']],
  ['Tunisia', ['TUNISIA', 'TUNISIE', 'TUNEZ']],
  ['Morocco', ['MOROCCO', 'MAROC', 'MARRUECOS', 'MAROCCO', 'MAROKKO']],
  ['Egypt', ['EGYPT', 'EGYPTE', 'EGIPTO', 'EGITTO', 'AGYPTEN']],
  ['Jordan', ['JORDAN', 'JORDANIE', 'JORDANIA', 'GIORDANIA', 'JORDANIEN']],
  ['Israel', ['ISRAEL', 'ISRAELE']],
  ['Madagascar', ['MADAGASCAR']],
  ['Mauritius', ['MAURITIUS', 'ILE MAURICE', 'MAURICE', 'MAURICIO']],
  ['Kenya', ['KENYA']],
  ['Ethiopia', ['ETHIOPIA', 'ETHIOPIE', 'ETIOPIA']],
  ['Lesotho', ['LESOTHO']],
  ['South Africa', ['SOUTH AFRICA', 'AFRIQUE DU SUD', 'SUDAFRICA']],
  ['Peru', ['PERU', 'PEROU']],
  ['Colombia', ['COLOMBIA', 'COLOMBIE', 'KOLUMBIEN']],
  ['Brazil', ['BRAZIL', 'BRASIL', 'BRESIL', 'BRASILE']],
  ['Honduras', ['HONDURAS']],
  ['Guatemala', ['GUATEMALA']],
  ['El Salvador', ['EL SALVADOR', 'SALVADOR']],
  ['Nicaragua', ['NICARAGUA']],
  ['Dominican Republic', ['DOMINICAN REPUBLIC', 'REPUBLICA DOMINICANA', 'REPUBLIQUE DOMINICAINE']],
  ['Haiti', ['HAITI']],
  ['Costa Rica', ['COSTA RICA']],
  ['Hong Kong', ['HONG KONG']],
  ['Macau', ['MACAU', 'MACAO']],
  ['Taiwan', ['TAIWAN', 'TAIWAN R O C', 'REPUBLIC OF CHINA']],
  ['Korea, Republic of', ['KOREA', 'SOUTH KOREA', 'REPUBLIC OF KOREA', 'COREE', 'COREE DU SUD', 'COREA', 'COREA DEL SUR']],
  ['Japan', ['JAPAN', 'JAPON', 'GIAPPONE']],
  ['Thailand', ['THAILAND', 'THAILANDE', 'TAILANDIA']],
  ['Malaysia', ['MALAYSIA', 'MALAISIE', 'MALASIA']],
  ['Philippines', ['PHILIPPINES', 'FILIPINAS', 'PHILIPPINEN']],
  ['Myanmar', ['MYANMAR', 'BURMA', 'BIRMANIE']],
  ['Laos', ['LAOS']],
  ['Nepal', ['NEPAL']],
  ['Mongolia', ['MONGOLIA', 'MONGOLIE']],
  ['Australia', ['AUSTRALIA', 'AUSTRALIE']],
  ['New Zealand', ['NEW ZEALAND', 'NOUVELLE ZELANDE']],
  ['Northern Mariana Islands', ['NORTHERN MARIANA ISLANDS', 'SAIPAN', 'CNMI']],
];

/** Keyed by `toleranceKey`: "U.S.A." and "USA" are one key, and so are "CHINA" and OCR's "CHlNA". */
const COUNTRY_BY_KEY = new Map<string, string>(
  COUNTRIES.flatMap(([country, spellings]) => spellings.map((spelling): [string, string] => [toleranceKey(spelling), country])),
);

const COUNTRY_ALTERNATION = COUNTRIES.flatMap(([, spellings]) => spellings)
  .sort((a, b) => b.length - a.length)
  .map(toleratePattern)
  .join('|');

const LEAD_IN = String.raw`(?:(?:MA[DCO0]E|MANUFACTURED|ASSEMBLED|PRODUCED|SEWN)\s*[I1L|]N|PRODUCT\s+OF|FABRIQUE\s+(?:EN|AU|AUX)|HECHO\s+EN|FABRICADO\s+EN|ELABORADO\s+EN|FATTO\s+IN|PRODOTTO\s+IN|HERGESTELLT\s+IN|FEITO\s+(?:EM|NO|NA|NOS))`;

// The country follows its lead-in, possibly after "THE" and punctuation; dots inside "U.S.A." are allowed.
const ORIGIN_PATTERN = new RegExp(
  String.raw`(?<![A-Z])${LEAD_IN}[\s:.\-]*(?:THE\s+)?(?<country>${COUNTRY_ALTERNATION})\.?(?![A-Z])`,
  'g',
);

export function findCountriesOfOrigin(text: string): CountryFinding[] {
  const findings: CountryFinding[] = [];
  for (const match of foldTagText(text).matchAll(ORIGIN_PATTERN)) {
    const country = COUNTRY_BY_KEY.get(toleranceKey(match.groups?.country ?? ''));
    if (country === undefined) continue;
    const quoted = quoteLines(text, match.index, match.index + match[0].length);
    if (findings.some((finding) => finding.country === country && finding.text === quoted)) continue;
    findings.push({ country, text: quoted });
  }
  return findings;
}
