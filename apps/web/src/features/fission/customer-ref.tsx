import { api, call } from '../../app/api'
import { useRequest } from '../../shared/use-request'
import { CustomerCell } from '../customers/customer-cell'

/**
 * A customer the fission API names only by id: looked up for its name and avatar (one request per row of
 * a page; a customer outside the viewer's scope or a failed lookup shows the id).
 */
export function CustomerRef({ id, externalUserId }: { id: string; externalUserId: string }) {
  const { data } = useRequest(() => call(api.GET('/api/customers/{id}', { params: { path: { id } } })).catch(() => null), [id])
  return <CustomerCell name={data?.name ?? `#${id}`} avatar={data?.avatar ?? ''} externalUserId={externalUserId} />
}
