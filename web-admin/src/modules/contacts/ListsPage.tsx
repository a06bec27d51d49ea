import { Link, useNavigate, useParams } from 'react-router-dom';
import { DataTable } from '../../shell/DataTable';
import { FormAlert } from '../../shell/forms';
import { useLoad } from '../../shell/useLoad';
import { useContactsApi, type DistributionList } from './api';
import { ListForm } from './ListForm';
import { listPath } from './paths';

const newList = 'new';

/** The distribution lists; `/contacts/lists/new` and `/contacts/lists/:listId` open the form. */
export function ListsPage() {
  const api = useContactsApi();
  const navigate = useNavigate();
  const { listId } = useParams();
  const { loaded: lists, setLoaded: setLists, errors } = useLoad(() => api.lists(), [api]);

  function saved(list: DistributionList) {
    setLists((current) => {
      const all = current ?? [];
      return all.some((l) => l.id === list.id) ? all.map((l) => (l.id === list.id ? list : l)) : [...all, list];
    });
    navigate('/contacts/lists');
  }

  function deleted(id: string) {
    setLists((current) => (current ?? []).filter((l) => l.id !== id));
    navigate('/contacts/lists');
  }

  const editing = lists?.find((list) => list.id === listId);
  return (
    <>
      <div className="page-heading">
        <h2>Distribution lists</h2>
        <button type="button" disabled={lists === null} onClick={() => navigate(listPath(newList))}>
          New list
        </button>
      </div>
      <FormAlert messages={errors} />
      {lists !== null && listId === newList && (
        <ListForm key={newList} onSaved={saved} onDeleted={deleted} onCancel={() => navigate('/contacts/lists')} />
      )}
      {editing && (
        <ListForm
          key={editing.id}
          list={editing}
          onSaved={saved}
          onDeleted={deleted}
          onCancel={() => navigate('/contacts/lists')}
        />
      )}
      {lists !== null && listId !== undefined && listId !== newList && !editing && <p>This list is not known.</p>}
      {lists === null ? (
        errors.length === 0 && <p>Loading distribution lists…</p>
      ) : lists.length === 0 ? (
        <p>No distribution lists yet. A list is a named set of users, contacts and other lists.</p>
      ) : (
        <DataTable
          rows={lists}
          rowKey={(list) => list.id}
          columns={[
            { header: 'Name', cell: (list) => <Link to={listPath(list.id)}>{list.name}</Link> },
            { header: 'Members', cell: (list) => list.memberCount },
          ]}
        />
      )}
    </>
  );
}
