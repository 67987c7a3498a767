import { PageHeader } from '../../design/Loading.tsx';
import { ApiKeysTable } from './ApiKeysTable.tsx';

export function ApiKeysPage() {
  return (
    <>
      <PageHeader title="API keys" description="Service keys act on their own, with the organization role and teams you give them. Personal keys act as their person (create yours in My account)." />
      <section className="card" aria-labelledby="service-keys-h">
        <h2 id="service-keys-h">Service keys</h2>
        <ApiKeysTable kind="service" />
      </section>
      <section className="card" aria-labelledby="personal-keys-h">
        <h2 id="personal-keys-h">Personal keys of members</h2>
        <ApiKeysTable kind="personal" />
      </section>
    </>
  );
}
