import type { Presence, Role } from '../../store/schema.js';

/** Who made a request, and how they proved it. */
export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  language: string;
  /** As it was when the request (or WebSocket) was authenticated. */
  presence: Presence;
  via: 'session' | 'token';
  /** Set for browser sessions, to log out. */
  sessionHash?: string;
}

export const isAdmin = (p: Principal): boolean => p.role === 'admin';
