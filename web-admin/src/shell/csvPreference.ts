export type CsvEncoding = 'utf-8' | 'utf-8-bom';

/** How a recipient wants CSV attachments and exports: delimiter `,` `;` or a tab, a .NET date/time format. */
export interface CsvPreference {
  delimiter: string;
  header: boolean;
  dateFormat: string;
  encoding: CsvEncoding;
}

export const delimiterOptions: readonly { value: string; label: string }[] = [
  { value: ',', label: 'Comma (,)' },
  { value: ';', label: 'Semicolon (;)' },
  { value: '\t', label: 'Tab' },
];

export const encodingOptions: readonly { value: CsvEncoding; label: string }[] = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-8-bom', label: 'UTF-8 with BOM (for Excel)' },
];

/** .NET date/time formats offered as suggestions; any other format can be typed. */
export const dateFormatSuggestions: readonly { value: string; label: string }[] = [
  { value: 'yyyy-MM-dd', label: 'ISO date' },
  { value: 'yyyy-MM-dd HH:mm', label: 'ISO date and time' },
  { value: "yyyy-MM-dd'T'HH:mm:ssK", label: 'ISO 8601 with offset' },
  { value: 'dd/MM/yyyy', label: 'Day first' },
  { value: 'dd/MM/yyyy HH:mm', label: 'Day first, with time' },
  { value: 'MM/dd/yyyy', label: 'Month first' },
  { value: 'MM/dd/yyyy h:mm tt', label: 'Month first, with time' },
  { value: 'dd.MM.yyyy', label: 'Dotted day first' },
];

export const defaultCsvPreference: CsvPreference = {
  delimiter: ',',
  header: true,
  dateFormat: 'yyyy-MM-dd',
  encoding: 'utf-8',
};

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function knownTimeZones(): string[] {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
}
