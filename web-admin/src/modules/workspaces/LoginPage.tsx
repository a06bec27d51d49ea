import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/problem';
import { Field, FormAlert, formErrorsFrom, noFormErrors, type FormErrors } from '../../shell/forms';
import { useSession } from '../../shell/Session';

const fields = ['email', 'password'] as const;

function loginErrorsFrom(error: unknown): FormErrors {
  if (error instanceof ApiError && error.status === 429) {
    return { alerts: ['Too many attempts, try again later'], fields: {} };
  }
  return formErrorsFrom(error, fields);
}

export function LoginPage() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState(noFormErrors);
  const [signingIn, setSigningIn] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSigningIn(true);
    setErrors(noFormErrors);
    try {
      await signIn(email.trim(), password);
      navigate('/sites');
    } catch (error) {
      setErrors(loginErrorsFrom(error));
      setSigningIn(false);
    }
  }

  return (
    <main className="login">
      <h1>Lookout</h1>
      <form onSubmit={submit} noValidate aria-label="Sign in">
        <FormAlert messages={errors.alerts} />
        <Field name="email" label="Email" errors={errors.fields.email}>
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        <Field name="password" label="Password" errors={errors.fields.password}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={signingIn}>
          Sign in
        </button>
      </form>
    </main>
  );
}
