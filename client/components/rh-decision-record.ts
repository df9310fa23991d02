import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TeamMarking } from '../../server/marking/schema.js';
import { justificationText, ndmParts } from '../pages/team/ndm.js';
import { typographyStyles } from '../styles/shared.js';

export type RecordedDecision = TeamMarking['evidence']['decisions'][number];

/**
 * One decision a team recorded, as an assessor reads it: the question, what the team chose, when,
 * and its justification under the National Decision Model: the five stages in order, then the Code of Ethics.
 *
 * @prop decision - `{ decisionId, question, chosen[], justification, recordedAt }`
 * @attr heading-level - 2 or 3 (default): the level of the question's heading
 */
@customElement('rh-decision-record')
export class RhDecisionRecord extends LitElement {
  static override styles = [
    typographyStyles,
    css`
      :host {
        display: block;
        margin-bottom: var(--rh-space-6);
      }

      h2,
      h3 {
        margin-top: 0;
      }

      dl {
        margin: 0;
      }

      dt {
        margin-top: var(--rh-space-3);
        font-weight: var(--rh-font-weight-bold);
      }

      dd {
        margin: 0;
        white-space: pre-line;
      }
    `,
  ];

  @property({ attribute: false }) decision: RecordedDecision | undefined;
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  override render() {
    const decision = this.decision;
    if (!decision) return html``;
    const heading = this.headingLevel === 2 ? html`<h2>${decision.question}</h2>` : html`<h3>${decision.question}</h3>`;
    return html`
      ${heading}
      <p>
        <strong>Chosen:</strong> ${decision.chosen.length > 0 ? decision.chosen.join(', ') : 'Nothing chosen'}
        <span class="secondary-text">(recorded ${new Date(decision.recordedAt).toLocaleString('en-GB')})</span>
      </p>
      <dl>
        ${ndmParts.map(
          (part) => html`<dt>${part.label}</dt>
            <dd>${justificationText(decision.justification, part.key)}</dd>`,
        )}
      </dl>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-decision-record': RhDecisionRecord;
  }
}
