import { Link, Navigate, NavLink, Route, Routes } from 'react-router-dom';
import { ContactPage } from './ContactPage';
import { ContactsPage } from './ContactsPage';
import { ExportForm } from './ExportForm';
import { ImportWizard } from './ImportWizard';
import { ListsPage } from './ListsPage';
import './contacts.css';

/** Everything under /contacts: contacts, a contact's page, distribution lists, import and export. */
export function ContactsRoutes() {
  return (
    <section>
      <div className="page-heading">
        <h1>Users &amp; Contacts</h1>
      </div>
      <nav className="section-nav" aria-label="Users & Contacts">
        <NavLink to="/contacts" end>
          Contacts
        </NavLink>
        <NavLink to="/contacts/lists">Distribution lists</NavLink>
        <NavLink to="/contacts/import">Import</NavLink>
        <NavLink to="/contacts/export">Export</NavLink>
        <Link to="/users">Users</Link>
      </nav>
      <Routes>
        <Route index element={<ContactsPage />} />
        <Route path="lists" element={<ListsPage />} />
        <Route path="lists/:listId" element={<ListsPage />} />
        <Route path="import" element={<ImportWizard />} />
        <Route path="export" element={<ExportForm />} />
        <Route path=":id" element={<ContactPage />} />
        <Route path="*" element={<Navigate to="/contacts" replace />} />
      </Routes>
    </section>
  );
}
