import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { focusStyles, linkStyles } from '../styles/shared.js';
import './rh-tag.js';

export type TaskStatus = 'not-started' | 'in-progress' | 'completed' | 'cannot-start';

export interface Task {
  /** Unique on the page; the status element's id is built from it. */
  readonly id: string;
  readonly title: string;
  readonly href: string;
  readonly status: TaskStatus;
  readonly hint?: string;
}

/**
 * GOV.UK's task list: the tasks in a piece of work, each with its status. A task's link is
 * described by its status (aria-describedby), so a screen reader reads "Risk factors, link,
 * In progress". The whole row is clickable. A task that cannot start yet has no link.
 *
 * @prop tasks - `{ id, title, href, status, hint? }[]`, where status is not-started, in-progress,
 *   completed or cannot-start
 */
@customElement('rh-task-list')
export class RhTaskList extends LitElement {
  static override styles = [
    linkStyles,
    focusStyles,
    css`
      :host {
        display: block;
        margin-bottom: var(--rh-space-6);
      }

      ul {
        margin: 0;
        padding: 0;
        border-top: 1px solid var(--rh-colour-border);
        list-style: none;
      }

      li {
        position: relative;
        display: flex;
        flex-wrap: wrap;
        gap: var(--rh-space-2) var(--rh-space-4);
        justify-content: space-between;
        padding: var(--rh-space-3) var(--rh-space-1);
        border-bottom: 1px solid var(--rh-colour-border);
      }

      li.with-link:hover {
        background-color: var(--rh-colour-light-background);
      }

      /* Stretches the link over the whole row, so the row is one large target. */
      a::after {
        content: '';
        position: absolute;
        inset: 0;
      }

      .hint {
        margin-top: var(--rh-space-1);
        color: var(--rh-colour-secondary-text);
      }

      .status-text {
        color: var(--rh-colour-text);
      }

      .status-text--cannot-start {
        color: var(--rh-colour-secondary-text);
      }
    `,
  ];

  @property({ attribute: false }) tasks: readonly Task[] = [];

  override render() {
    return html`<ul>${this.tasks.map((task) => this.renderTask(task))}</ul>`;
  }

  private renderTask(task: Task) {
    const statusId = `${task.id}-status`;
    const hintId = `${task.id}-hint`;
    const describedBy = task.hint ? `${hintId} ${statusId}` : statusId;
    const linked = task.status !== 'cannot-start';
    return html`
      <li class=${linked ? 'with-link' : ''}>
        <div>
          ${linked ? html`<a href=${task.href} aria-describedby=${describedBy}>${task.title}</a>` : html`<div>${task.title}</div>`}
          ${task.hint ? html`<div class="hint" id=${hintId}>${task.hint}</div>` : ''}
        </div>
        <div id=${statusId}>${renderStatus(task.status)}</div>
      </li>
    `;
  }
}

function renderStatus(status: TaskStatus) {
  switch (status) {
    case 'not-started':
      return html`<rh-tag colour="blue">Not yet started</rh-tag>`;
    case 'in-progress':
      return html`<rh-tag colour="light-blue">In progress</rh-tag>`;
    case 'completed':
      return html`<span class="status-text">Completed</span>`;
    case 'cannot-start':
      return html`<span class="status-text status-text--cannot-start">Cannot start yet</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-task-list': RhTaskList;
  }
}
