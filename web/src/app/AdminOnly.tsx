import { Navigate, Outlet } from 'react-router';
import { useSession } from './session';

/** Admin pages: a user who is not an admin is sent home rather than shown an empty page. */
export function AdminOnly() {
  return useSession().isAdmin ? <Outlet /> : <Navigate to="/" replace />;
}
