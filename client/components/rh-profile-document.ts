import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { TeamScenarioView } from '../../server/packs/views.js';
import {
  gradingCode,
  gradingInWords,
  handlingCodes,
  intelligenceAssessments,
  sourceEvaluations,
} from '../intelligence-grading.js';
import { markdown } from '../lazy-markdown.js';
import { detailsStyles, focusStyles, linkStyles, tableStyles, typographyStyles, visuallyHiddenStyles } from '../styles/shared.js';
import './rh-summary-list.js';
import type { SummaryRow } from './rh-summary-list.js';

const printMarking = 'EXERCISE — fictional profile. Training material: this person and this record are invented. Not an intelligence record.';

export type AnalystProfile = TeamScenarioView['profiles'][number];
type Person = AnalystProfile['household'][number];

/**
 * An analyst's research document about one person, as a team reads it: subject details, household
 * and associates, occupation, online activity, previous convictions and graded intelligence. Each
 * intelligence item shows its 3x5x2 grading as "1 / A / P", which screen readers hear in words,
 * with a key that explains the codes.
 *
 * Printed, it carries an EXERCISE band at its head and foot and a watermark on every sheet.
 *
 * Headings start at h3: the page gives the profiles an h2.
 *
 * @prop profile - one profile from the team's scenario
 */
@customElement('rh-profile-document')
export class RhProfileDocument extends LitElement {
  static override styles = [
    detailsStyles,
    typographyStyles,
    linkStyles,
    focusStyles,
    visuallyHiddenStyles,
    tableStyles,
    css`
      :host {
        display: block;
        margin-bottom: var(--rh-space-7);
        padding: var(--rh-space-4);
        border: 1px solid var(--rh-colour-border);
        border-top: var(--rh-border-width-emphasis) solid var(--rh-colour-brand);
      }

      h3 {
        margin-top: 0;
      }

      .details-text {
        margin-top: var(--rh-space-2);
        padding: var(--rh-space-3);
        border-left: var(--rh-border-width-emphasis) solid var(--rh-colour-border);
      }

      dl.key dt {
        font-weight: var(--rh-font-weight-bold);
      }

      dl.key dd {
        margin: 0 0 var(--rh-space-2);
      }

      .grading {
        white-space: nowrap;
      }

      /* On paper a profile must not pass for a real record, even as a single sheet: a marked band at
         its head and foot, and a diagonal watermark that Chromium repeats on every printed page
         (fixed position). On screen the app's own marking covers it, so these stay out of the way. */
      .print-marking,
      .watermark {
        display: none;
      }

      @media print {
        :host {
          border-top-color: #0b0c0c;
        }

        .print-marking {
          display: block;
          margin: 0 0 var(--rh-space-4);
          padding: var(--rh-space-2);
          border: 3px solid #0b0c0c;
          color: #0b0c0c;
          font-weight: var(--rh-font-weight-bold);
          text-align: center;
        }

        .print-marking.end {
          margin: var(--rh-space-4) 0 0;
        }

        .watermark {
          display: block;
          position: fixed;
          top: 40%;
          right: 0;
          left: 0;
          transform: rotate(-35deg);
          color: rgb(11 12 12 / 10%);
          font-size: 88pt;
          font-weight: var(--rh-font-weight-bold);
          letter-spacing: 0.1em;
          text-align: center;
          pointer-events: none;
        }
      }
    `,
  ];

  @property({ attribute: false }) profile: AnalystProfile | undefined;

  override render() {
    const profile = this.profile;
    if (!profile) return nothing;
    return html`
      <article aria-labelledby="profile-title">
        <p class="print-marking">${printMarking}</p>
        <h3 id="profile-title">${profile.title}: ${profile.subject.name}</h3>
        <h4>Subject details</h4>
        <rh-summary-list .rows=${subjectRows(profile.subject)}></rh-summary-list>
        ${this.renderPeople('Household', profile.household)} ${this.renderPeople('Associates', profile.associates)}
        ${this.renderOccupation(profile.occupation)} ${this.renderOnlineActivity(profile.onlineActivity)}
        ${this.renderConvictions(profile.previousConvictions)} ${this.renderIntelligence(profile.intelligence)}
        ${profile.analystNotes ? html`<h4>Analyst notes</h4>${markdown(profile.analystNotes)}` : nothing}
        <p class="print-marking end">${printMarking}</p>
      </article>
      <div class="watermark" aria-hidden="true">EXERCISE</div>
    `;
  }

  private renderPeople(title: string, people: readonly Person[]) {
    if (people.length === 0) return html`<h4>${title}</h4><p>None recorded.</p>`;
    return html`
      <div class="table-scroll" tabindex="0" role="region" aria-label=${title}>
        <table>
          <caption>${title}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Relationship</th>
              <th scope="col">Date of birth or age</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            ${people.map(
              (person) => html`<tr>
                <th scope="row">${person.name}</th>
                <td>${person.relationship ?? 'Not recorded'}</td>
                <td>${birthAndAge(person.dateOfBirth, person.age) || 'Not recorded'}</td>
                <td>${person.notes ?? ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderOccupation(occupation: AnalystProfile['occupation']) {
    if (!occupation) return nothing;
    const rows: SummaryRow[] = [
      ...(occupation.employer ? [{ key: 'Employer', value: occupation.employer }] : []),
      { key: 'Role', value: occupation.role },
      { key: 'Access to children', value: occupation.accessToChildren },
    ];
    return html`<h4>Occupation</h4>
      <rh-summary-list .rows=${rows}></rh-summary-list>`;
  }

  private renderOnlineActivity(activity: readonly string[]) {
    return html`<h4>Online activity</h4>
      ${activity.length === 0 ? html`<p>None recorded.</p>` : html`<ul>${activity.map((item) => html`<li>${item}</li>`)}</ul>`}`;
  }

  private renderConvictions(convictions: AnalystProfile['previousConvictions']) {
    if (convictions.length === 0) return html`<h4>Previous convictions</h4><p>None recorded.</p>`;
    return html`
      <div class="table-scroll" tabindex="0" role="region" aria-label="Previous convictions">
        <table>
          <caption>Previous convictions</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Court</th>
              <th scope="col">Offence</th>
              <th scope="col">Disposal</th>
            </tr>
          </thead>
          <tbody>
            ${convictions.map(
              (conviction) => html`<tr>
                <td>${conviction.date}</td>
                <td>${conviction.court}</td>
                <td>${conviction.offence}</td>
                <td>${conviction.disposal}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  private renderIntelligence(items: AnalystProfile['intelligence']) {
    if (items.length === 0) return html`<h4>Intelligence</h4><p>None recorded.</p>`;
    return html`
      <div class="table-scroll" tabindex="0" role="region" aria-label="Intelligence">
        <table>
          <caption>Intelligence</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Grading (3x5x2)</th>
              <th scope="col">Intelligence</th>
            </tr>
          </thead>
          <tbody>
            ${items.map(
              (item) => html`<tr>
                <td>${item.date}</td>
                <td class="grading">
                  <span aria-hidden="true">${gradingCode(item)}</span
                  ><span class="visually-hidden">${gradingInWords(item)}</span>
                </td>
                <td>${item.text}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <details>
        <summary>How to read the 3x5x2 grading</summary>
        <div class="details-text">
          <dl class="key">
            ${Object.entries(sourceEvaluations).map(([code, meaning]) => html`<dt>Source ${code}</dt><dd>${meaning}</dd>`)}
            ${Object.entries(intelligenceAssessments).map(
              ([code, meaning]) => html`<dt>Intelligence ${code}</dt><dd>${meaning}</dd>`,
            )}
            ${Object.entries(handlingCodes).map(([code, meaning]) => html`<dt>Handling ${code}</dt><dd>${meaning}</dd>`)}
          </dl>
        </div>
      </details>
    `;
  }
}

function subjectRows(subject: AnalystProfile['subject']): SummaryRow[] {
  const rows: Array<SummaryRow | undefined> = [
    { key: 'Name', value: subject.name },
    subject.aliases.length > 0 ? { key: 'Also known as', value: subject.aliases.join(', ') } : undefined,
    subject.dateOfBirth || subject.age !== undefined
      ? { key: 'Date of birth or age', value: birthAndAge(subject.dateOfBirth, subject.age) }
      : undefined,
    subject.gender ? { key: 'Gender', value: subject.gender } : undefined,
    { key: 'Address', value: subject.address },
    subject.phone ? { key: 'Phone', value: subject.phone } : undefined,
    subject.email ? { key: 'Email', value: subject.email } : undefined,
  ];
  return rows.filter((row): row is SummaryRow => row !== undefined);
}

/** "12 March 1984 (age 41)", "12 March 1984", "age 41" or "". */
function birthAndAge(dateOfBirth: string | undefined, age: number | undefined): string {
  if (dateOfBirth && age !== undefined) return `${dateOfBirth} (age ${age})`;
  if (dateOfBirth) return dateOfBirth;
  return age !== undefined ? `Age ${age}` : '';
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-profile-document': RhProfileDocument;
  }
}
