import type { ReactNode } from 'react';

/** A page's heading (its id labels the page's section), intro line and optional actions. */
export function PageHeader({
  id,
  title,
  intro,
  actions,
}: {
  id: string;
  title: string;
  intro: string;
  actions?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div>
        <h1 id={id}>{title}</h1>
        <p className="muted">{intro}</p>
      </div>
      {actions}
    </header>
  );
}
