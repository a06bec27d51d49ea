import { useEffect, useState, type FormEvent } from 'react';
import { Field, FormAlert, formErrorsFrom, noFormErrors } from '../../shell/forms';
import type { Site } from '../../api/directory';
import { kindInfo, useExclusionsApi, type Country, type ExclusionSample, type ExclusionTestResult } from './api';

type SampleField = Exclude<keyof ExclusionSample, 'siteId'>;

const sampleFields: readonly { name: SampleField; label: string; placeholder: string }[] = [
  { name: 'url', label: 'Page URL', placeholder: 'https://www.example.com/support/faq.htm' },
  { name: 'ip', label: 'IP address', placeholder: '192.168.1.20' },
  { name: 'referrer', label: 'Referrer', placeholder: 'https://www.google.com/' },
  { name: 'searchKeywords', label: 'Search keywords', placeholder: 'visitor tracking' },
  { name: 'country', label: 'Country', placeholder: 'FR or France' },
  { name: 'userAgent', label: 'User agent', placeholder: 'Mozilla/5.0 …' },
];
const fields = ['siteId', ...sampleFields.map((f) => f.name)] as const;

/** Tries a sample page view on the workspace's exclusions: would it be left out, and by which one? */
export function ExclusionTestBox({ sites }: { sites: readonly Site[] }) {
  const api = useExclusionsApi();
  const [siteId, setSiteId] = useState(sites[0]?.id ?? '');
  const [sample, setSample] = useState<Record<SampleField, string>>({
    url: '',
    ip: '',
    referrer: '',
    searchKeywords: '',
    country: '',
    userAgent: '',
  });
  const [countries, setCountries] = useState<Country[]>([]);
  const [result, setResult] = useState<ExclusionTestResult | null>(null);
  const [errors, setErrors] = useState(noFormErrors);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    // Only suggestions for the country field: without them the field still takes codes and names.
    api.countries().then(
      (loaded) => !cancelled && setCountries(loaded),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  async function test(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors(noFormErrors);
    setResult(null);
    const request: ExclusionSample = { siteId };
    for (const { name } of sampleFields) {
      const value = sample[name].trim();
      if (value !== '') request[name] = value;
    }
    try {
      setResult(await api.test(request));
    } catch (error) {
      setErrors(formErrorsFrom(error, fields));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={test} noValidate aria-label="Test exclusions">
      <h2>Test</h2>
      <FormAlert messages={errors.alerts} />
      <Field name="siteId" label="Site" idPrefix="test-" errors={errors.fields.siteId}>
        {(control) => (
          <select {...control} value={siteId} onChange={(e) => setSiteId(e.target.value)}>
            {sites.map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {sampleFields.map(({ name, label, placeholder }) => (
        <Field key={name} name={name} label={label} idPrefix="test-" errors={errors.fields[name]}>
          {(control) => (
            <input
              {...control}
              placeholder={placeholder}
              list={name === 'country' ? 'test-countries' : undefined}
              value={sample[name]}
              onChange={(e) => setSample((current) => ({ ...current, [name]: e.target.value }))}
            />
          )}
        </Field>
      ))}
      <datalist id="test-countries">
        {countries.map((country) => (
          <option key={country.code} value={country.name} label={country.code} />
        ))}
      </datalist>
      <div className="actions">
        <button type="submit" disabled={busy || siteId === ''}>
          Test
        </button>
      </div>
      {result && (
        <p role="status">
          {result.exclusion ? (
            <>
              Excluded by the {kindInfo[result.exclusion.kind].label} exclusion <code>{result.exclusion.pattern}</code>
              {result.exclusion.note !== '' && <> ({result.exclusion.note})</>}.
            </>
          ) : (
            'Not excluded: no enabled exclusion matches this sample.'
          )}
        </p>
      )}
    </form>
  );
}
