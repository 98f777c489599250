/**
 * Office phrases and how they are written, so "Russia's foreign minister", "the US
 * Secretary of State" and "Iranian Foreign Minister Mohammad Javad Zarif" resolve to an
 * office of a country. Keys match `OfficeTerm.office` in people.ts.
 */
export interface OfficePattern {
  office: string;
  /** Regex source (matched case-insensitively) for the office phrase. */
  pattern: string;
  /** Country assumed when none is written ("Secretary of State" alone is American). */
  defaultCountry?: string;
}

export const OFFICE_PATTERNS: OfficePattern[] = [
  { office: 'foreign-minister', pattern: 'secretary of state', defaultCountry: 'United States' },
  {
    office: 'foreign-minister',
    pattern:
      'foreign minister|foreign secretary|minister of foreign affairs|foreign affairs minister|top diplomat|chief diplomat',
  },
  {
    office: 'defence-minister',
    pattern: 'defen[cs]e minister|defen[cs]e secretary|secretary of defen[cs]e|minister of defen[cs]e',
  },
  { office: 'vice-president', pattern: 'vice[- ]president' },
  { office: 'president', pattern: 'president' },
  { office: 'prime-minister', pattern: 'prime minister|premier' },
  { office: 'supreme-leader', pattern: 'supreme leader' },
  {
    office: 'un-ambassador',
    pattern: 'ambassador to the (?:UN|U\\.N\\.|United Nations)|(?:UN|U\\.N\\.) ambassador',
  },
  {
    office: 'un-envoy',
    pattern: '(?:UN|U\\.N\\.|United Nations) (?:special )?envoy(?: (?:for|to|on) Syria)?',
    defaultCountry: 'Syria',
  },
];

/**
 * Titles that introduce a person's name ("Foreign Minister X", "President Y"). A name after
 * one of these is a person even when the gazetteer does not know it.
 */
export const NAME_TITLES: string[] = [
  'Secretary of State',
  'Foreign Minister',
  'Foreign Secretary',
  'Deputy Foreign Minister',
  'Defense Minister',
  'Defence Minister',
  'Defense Secretary',
  'Defence Secretary',
  'Prime Minister',
  'Vice President',
  'President',
  'Chancellor',
  'Minister',
  'Ambassador',
  'Envoy',
  'Special Envoy',
  'King',
  'Crown Prince',
  'Prince',
  'Emir',
  'Sheikh',
  'Ayatollah',
  'General',
  'Gen.',
  'Lt. Gen.',
  'Maj. Gen.',
  'Admiral',
  'Rear Adm.',
  'Vice Adm.',
  'Adm.',
  'Senator',
  'Sen.',
  'Rep.',
  'Secretary-General',
  'Secretary General',
  'Spokesman',
  'Spokeswoman',
  'spokesman',
  'spokeswoman',
  'spokesperson',
];

/** Words around a name that mark someone who speaks about an event rather than takes part. */
export const NON_PARTICIPANT_ROLE =
  /\b(?:spokes(?:man|woman|person)|press secretary|deputy|aide|adviser|advisor|reporter|correspondent|journalist|analyst|expert|professor|editor|researcher|commentator|columnist|activist)\b/i;
