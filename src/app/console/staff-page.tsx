import { Suspense } from 'react';
import { NoPermission } from '@/components/admin/no-permission';
import { ROLE_PERMISSIONS, type Permission } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';

type SearchParams = Record<string, string | string[] | undefined>;

/** What a console page's screen is rendered from: the signed-in staff member, the route's params, and `can`. */
export type StaffPageContext<Params> = Awaited<ReturnType<typeof requireStaffPage>> & {
  params: Params;
  searchParams: SearchParams;
  /** Whether the staff member's role grants the permission (the same table the API enforces). */
  can: (permission: Permission) => boolean;
};

/**
 * A console page (the default export of a `page.tsx`): signs the staff member in, shows NoPermission instead of the
 * screen to whoever lacks `permission` (the API refuses them too; checking here means they never get the screen at
 * all), and renders the screen — inside a Suspense boundary with `suspense`, for screens that read the URL with
 * useSearchParams.
 *
 *   export default staffPage({ permission: 'callbacks:read', suspense: true }, ({ can }) => (
 *     <CallbackQueues canWrite={can('callbacks:write')} />
 *   ));
 */
export function staffPage<Params = Record<string, never>>(
  options: { permission?: Permission; suspense?: boolean },
  render: (page: StaffPageContext<Params>) => React.ReactNode | Promise<React.ReactNode>,
) {
  return async function StaffPage(props: { params: Promise<Params>; searchParams: Promise<SearchParams> }) {
    const [staff, params, searchParams] = await Promise.all([requireStaffPage(), props.params, props.searchParams]);
    const granted = ROLE_PERMISSIONS[staff.viewer.role];
    const can = (permission: Permission) => granted.includes(permission);
    if (options.permission && !can(options.permission)) return <NoPermission />;
    const screen = await render({ ...staff, params, searchParams, can });
    return options.suspense ? <Suspense>{screen}</Suspense> : screen;
  };
}
