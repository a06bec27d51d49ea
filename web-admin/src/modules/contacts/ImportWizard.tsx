import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Field, FormAlert, formErrorsFrom, noFormErrors, type FormErrors } from '../../shell/forms';
import {
  useContactsApi,
  type DuplicatePolicy,
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  type ImportResult,
  type ImportRowError,
  type UploadedImport,
} from './api';

const importFields: readonly { field: ImportField; label: string }[] = [
  { field: 'name', label: 'Name' },
  { field: 'email', label: 'Email' },
  { field: 'mobile', label: 'Mobile' },
  { field: 'timeZone', label: 'Time zone' },
  { field: 'notes', label: 'Notes' },
  { field: 'tags', label: 'Tags' },
];
const mappingFields = [...importFields.map(({ field }) => `mapping.${field}`), 'duplicatePolicy'];
const notImported = '';

const steps = ['Choose a file', 'Map columns', 'Preview', 'Result'] as const;
type Step = (typeof steps)[number];

type Wizard =
  | { step: 'Choose a file' }
  | { step: 'Map columns'; upload: UploadedImport }
  | { step: 'Preview'; upload: UploadedImport; preview: ImportPreview }
  | { step: 'Result'; result: ImportResult };

/** Only the columns the file has: a suggestion naming another column is dropped. */
function mappingFrom(upload: UploadedImport): ImportMapping {
  const mapping: ImportMapping = {};
  for (const { field } of importFields) {
    const column = upload.suggestedMapping[field];
    if (column !== undefined && upload.columns.includes(column)) mapping[field] = column;
  }
  return mapping;
}

/** CSV import: upload the file, map its columns to contact fields, preview, run, and read the outcome. */
export function ImportWizard() {
  const api = useContactsApi();
  const [wizard, setWizard] = useState<Wizard>({ step: 'Choose a file' });
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [duplicatePolicy, setDuplicatePolicy] = useState<DuplicatePolicy>('update');
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setErrors(noFormErrors);
    try {
      await action();
    } catch (error) {
      setErrors(formErrorsFrom(error, mappingFields));
    } finally {
      setBusy(false);
    }
  }

  function upload(event: FormEvent) {
    event.preventDefault();
    if (file === null) return;
    void run(async () => {
      const uploaded = await api.uploadImport(file);
      setMapping(mappingFrom(uploaded));
      setWizard({ step: 'Map columns', upload: uploaded });
    });
  }

  function preview(uploaded: UploadedImport) {
    void run(async () => {
      setWizard({
        step: 'Preview',
        upload: uploaded,
        preview: await api.previewImport(uploaded.importId, mapping, duplicatePolicy),
      });
    });
  }

  function importRows(uploaded: UploadedImport) {
    void run(async () => {
      setWizard({ step: 'Result', result: await api.runImport(uploaded.importId, mapping, duplicatePolicy) });
    });
  }

  function restart() {
    setFile(null);
    setErrors(noFormErrors);
    setWizard({ step: 'Choose a file' });
  }

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import contacts</h2>
      <StepList current={wizard.step} />
      {wizard.step === 'Choose a file' && (
        <form className="panel" onSubmit={upload} noValidate aria-label="Choose a file">
          <FormAlert messages={errors.alerts} />
          <p className="secondary-text">
            A CSV file with a header row. Contacts are matched by email: the next steps say what happens to one that
            already exists.
          </p>
          <Field name="file" label="CSV file" errors={errors.fields.file}>
            {(control) => (
              <input
                {...control}
                type="file"
                accept=".csv,text/csv"
                onChange={(event) => setFile(event.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" disabled={busy || file === null}>
              Upload
            </button>
          </div>
        </form>
      )}
      {wizard.step === 'Map columns' && (
        <form
          className="panel"
          noValidate
          aria-label="Map columns"
          onSubmit={(event) => {
            event.preventDefault();
            preview(wizard.upload);
          }}
        >
          <FormAlert messages={errors.alerts} />
          <SampleRows upload={wizard.upload} />
          {importFields.map(({ field, label }) => (
            <Field
              key={field}
              name={`mapping.${field}`}
              label={`${label} column`}
              errors={errors.fields[`mapping.${field}`]}
            >
              {(control) => (
                <select
                  {...control}
                  value={mapping[field] ?? notImported}
                  onChange={(event) => {
                    const column = event.target.value;
                    setMapping((current) => {
                      const { [field]: _dropped, ...others } = current;
                      return column === notImported ? others : { ...others, [field]: column };
                    });
                  }}
                >
                  <option value={notImported}>Not imported</option>
                  {wizard.upload.columns.map((column, index) => (
                    <option key={index} value={column}>
                      {column}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))}
          <Field
            name="duplicatePolicy"
            label="When the email is already a contact's"
            errors={errors.fields.duplicatePolicy}
          >
            {(control) => (
              <select
                {...control}
                value={duplicatePolicy}
                onChange={(event) => setDuplicatePolicy(event.target.value as DuplicatePolicy)}
              >
                <option value="update">Update that contact</option>
                <option value="skip">Skip the row</option>
              </select>
            )}
          </Field>
          <div className="actions">
            <button type="submit" disabled={busy}>
              Preview
            </button>
            <button type="button" className="secondary" onClick={restart}>
              Choose another file
            </button>
          </div>
        </form>
      )}
      {wizard.step === 'Preview' && (
        <div className="panel">
          <FormAlert messages={errors.alerts} />
          <PreviewRows preview={wizard.preview} />
          <RowErrors errors={wizard.preview.errors} />
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => importRows(wizard.upload)}>
              Import
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => setWizard({ step: 'Map columns', upload: wizard.upload })}
            >
              Back to mapping
            </button>
          </div>
        </div>
      )}
      {wizard.step === 'Result' && (
        <div className="panel">
          <dl className="facts">
            <dt>Created</dt>
            <dd>{wizard.result.created}</dd>
            <dt>Updated</dt>
            <dd>{wizard.result.updated}</dd>
            <dt>Skipped</dt>
            <dd>{wizard.result.skipped}</dd>
          </dl>
          <RowErrors errors={wizard.result.errors} />
          <div className="actions">
            <Link to="/contacts">See the contacts</Link>
            <button type="button" className="secondary" onClick={restart}>
              Import another file
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function StepList({ current }: { current: Step }) {
  return (
    <ol className="wizard-steps" aria-label="Import steps">
      {steps.map((step, index) => (
        <li key={step} aria-current={step === current ? 'step' : undefined}>
          {index + 1}. {step}
        </li>
      ))}
    </ol>
  );
}

function SampleRows({ upload }: { upload: UploadedImport }) {
  return (
    <table className="wide-table">
      <caption>First rows of the file</caption>
      <thead>
        <tr>
          {upload.columns.map((column, index) => (
            <th key={index} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {upload.sampleRows.map((row, rowIndex) => (
          <tr key={rowIndex}>
            {row.map((cell, cellIndex) => (
              <td key={cellIndex}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const actionLabels: Record<ImportPreview['rows'][number]['action'], string> = {
  create: 'Create',
  update: 'Update',
  skip: 'Skip',
};

function PreviewRows({ preview }: { preview: ImportPreview }) {
  if (preview.rows.length === 0) return <p>No row would be imported.</p>;
  return (
    <table className="wide-table">
      <caption>What the import will do</caption>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Mobile</th>
          <th scope="col">Time zone</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {preview.rows.map((row) => (
          <tr key={row.row}>
            <td>{row.row}</td>
            <td>{row.name}</td>
            <td>{row.email}</td>
            <td>{row.mobile}</td>
            <td>{row.timeZone}</td>
            <td>{actionLabels[row.action] ?? row.action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RowErrors({ errors }: { errors: readonly ImportRowError[] }) {
  if (errors.length === 0) return <p>No errors.</p>;
  return (
    <table className="wide-table">
      <caption>Rows with errors (not imported)</caption>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Column</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((error, index) => (
          <tr key={index}>
            <td>{error.row}</td>
            <td>{error.column}</td>
            <td>{error.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
