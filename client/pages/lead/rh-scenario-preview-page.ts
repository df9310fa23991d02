import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { api } from '../../api/client.js';
import '../../components/rh-inset-text.js';
import '../../components/rh-notification-banner.js';
import '../../components/rh-page-layout.js';
import { LoadTask } from '../../controllers/load-task.js';
import { PageTitleController } from '../../controllers/page-title-controller.js';
import { referralSections } from '../team/referral-sections.js';
import type { ScenarioPreview } from '../../../server/packs/views.js';
import { whenLoaded } from '../../loading.js';
import { focusStyles, linkStyles, typographyStyles } from '../../styles/shared.js';

/**
 * A lead's read-only preview of exactly what a team on one scenario sees when the run goes live: the
 * same projection the team's pages get from the server (never the rubric, model answers or notes),
 * shown with the team's own components, under a banner saying it is a preview. Information released
 * during the day is not in it, as it is not on a team's screen at the start; held-back analyst
 * research is, marked as held back, so the lead can read what the analyst can release.
 *
 * @attr pack-id - the pack
 * @attr version - its exact version
 * @attr scenario-id - the scenario
 */
@customElement('rh-scenario-preview-page')
export class RhScenarioPreviewPage extends LitElement {
  static override styles = [
    typographyStyles,
    linkStyles,
    focusStyles,
    css`
      .questions li {
        margin-bottom: var(--rh-space-2);
      }
    `,
  ];

  @property({ attribute: 'pack-id' }) packId = '';
  @property() version = '';
  @property({ attribute: 'scenario-id' }) scenarioId = '';

  private readonly loaded = new LoadTask(this, {
    args: () => [this.packId, this.version, this.scenarioId] as const,
    load: async ([packId, version, scenarioId], signal) =>
      // The instrument's visibility conditions are untyped in the OpenAPI document; the shape is the server's ScenarioPreview.
      (await api.get('/packs/{packId}/versions/{version}/scenarios/{scenarioId}/team-view', {
        params: { path: { packId, version, scenarioId } },
        signal,
      })) as ScenarioPreview,
    staff: true,
  });
  private readonly documentTitle = new PageTitleController(this, () => ({ title: this.loaded.completed && `Preview: ${this.loaded.completed.scenario.title}` }));

  override render() {
    return whenLoaded(this.loaded.state, { heading: 'Preview', loading: 'Loading the preview…' }, (view) => this.renderPreview(view));
  }

  private renderPreview(view: ScenarioPreview) {
    return html`
      <rh-page-layout heading=${`Preview: ${view.scenario.title}`} caption=${`${view.pack.title} (version ${view.pack.version})`}>
        <rh-notification-banner title-text="Preview" id="preview-banner">
          <p>This is what a team on this scenario sees when the run goes live. It is read-only: nothing here is saved or sent to anyone.</p>
        </rh-notification-banner>
        ${view.pack.disclaimer ? html`<rh-inset-text>${view.pack.disclaimer}</rh-inset-text>` : nothing}
        ${referralSections(view, new Set(view.heldBackProfileIds))}
        <section aria-labelledby="instrument-heading">
          <h2 id="instrument-heading">${view.instrument.title}</h2>
          ${view.instrument.sections.map(
            (section) => html`<h3>${section.title}</h3>
              <ul class="questions">
                ${section.items.map((item) => html`<li>${item.label}${item.required ? nothing : ' (optional)'}</li>`)}
              </ul>`,
          )}
        </section>
        <section aria-labelledby="decisions-heading">
          <h2 id="decisions-heading">Decisions the team records</h2>
          <ul class="questions">
            ${view.decisionPoints.map((point) => html`<li>${point.question}</li>`)}
          </ul>
        </section>
        <section aria-labelledby="agencies-heading">
          <h2 id="agencies-heading">Agencies the team can write to</h2>
          <ul>
            ${view.agencies.map((agency) => html`<li>${agency.name}</li>`)}
          </ul>
        </section>
      </rh-page-layout>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-scenario-preview-page': RhScenarioPreviewPage;
  }
}
