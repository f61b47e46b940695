// An in-app link: a real <a href> (keyboard, middle-click, copy link) that navigates without reloading.
import type { ReactNode } from 'react';
import { onLinkClick } from '../router.js';

export function Link({ to, children, className, ariaCurrent }: { to: string; children: ReactNode; className?: string; ariaCurrent?: boolean }) {
  return (
    <a href={to} onClick={onLinkClick} className={className} aria-current={ariaCurrent ? 'page' : undefined}>
      {children}
    </a>
  );
}
