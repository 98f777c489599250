/**
 * Shapes of the gazetteer data. The data files beside this one are plain arrays of these
 * records: add a person, country, organization, place or publisher by adding one record.
 */

/** An office a person held, used to resolve "Russia's foreign minister" to a name. */
export interface OfficeTerm {
  /** Office key, see {@link OFFICE_PATTERNS} in offices.ts (e.g. "foreign-minister"). */
  office: string;
  /** Country (canonical name) or organization whose office it is. */
  of: string;
  /** ISO date the term began (inclusive). */
  from: string;
  /** ISO date the term ended (exclusive); absent while in office. */
  to?: string;
}

/** A known person. */
export interface PersonRecord {
  /** The one spelling used in output. */
  name: string;
  /** Other full spellings, matched case-sensitively ("Sergei Lavrov"). */
  aliases?: string[];
  /**
   * Short forms distinctive enough to match on their own anywhere ("Lavrov", "Assad").
   * Surnames that are also common words (May, Power, Rice) belong in aliases with a title
   * ("Mrs May") instead.
   */
  short?: string[];
  /** Canonical country the person acts for. */
  country?: string;
  /**
   * What kind of actor this is. `spokesperson` and `journalist` are never participants:
   * they speak for or report on an event, they do not take part in it.
   */
  kind?: 'official' | 'spokesperson' | 'journalist' | 'other';
  offices?: OfficeTerm[];
}

/** A country or state-like party. */
export interface CountryRecord {
  name: string;
  /** Other names, matched case-sensitively ("US", "U.S.", "USA"). */
  aliases?: string[];
  /** Adjectives and nouns for its people ("American", "Russian", "Russians"). */
  demonyms?: string[];
  capital?: string;
  /**
   * Places whose name stands for the government ("Washington", "Moscow", "the Kremlin"):
   * they count as a mention of the country unless used as a place ("in Moscow").
   */
  metonyms?: string[];
}

/** An organization. `media` organizations are sources, never event organizations. */
export interface OrganizationRecord {
  name: string;
  aliases?: string[];
  kind?: 'intergovernmental' | 'armed-group' | 'political' | 'ngo' | 'media' | 'government-body';
  /** For government bodies (State Department, Pentagon): the country they stand for. */
  country?: string;
}

/** A city or region that can be an event's location. */
export interface PlaceRecord {
  name: string;
  aliases?: string[];
  /** Canonical country it lies in. */
  country: string;
}

/** A news outlet, recognised from its URL host or its own name in the page. */
export interface PublisherRecord {
  name: string;
  /** Host names without "www.", matched as the host or a suffix of it. */
  hosts: string[];
  /** Other ways the site names itself in its page chrome. */
  aliases?: string[];
  /** Agencies whose name appears in credits of other outlets' pages: only URL/metadata/dateline count. */
  agency?: boolean;
}
