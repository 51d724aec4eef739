import { ComplaintWorkbench } from '@/components/complaints/complaint-workbench';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('complaints', 'title');

/** The complaint workbench; the viewer's role and department only decide which edit controls are offered. */
export default staffPage<{ id: string }>({}, ({ viewer, params: { id } }) => (
  <ComplaintWorkbench
    id={id}
    viewer={{ userId: viewer.userId, role: viewer.role, departmentId: viewer.departmentId }}
  />
));
