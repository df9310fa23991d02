import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { TeamScenarioView } from '../../server/packs/views.js';
import { focusStyles, typographyStyles } from '../styles/shared.js';
import './rh-button.js';

export type ReferralCall = TeamScenarioView['referral']['call'];

/**
 * A referral phone call: who rang and when, a button that reads the call aloud with the browser's
 * speech synthesis (no audio files), and the full transcript, which is always on screen so nobody
 * depends on hearing it. Where the browser has no speech synthesis the button is disabled and says
 * why. While the call is playing the button stops it, and the line being read is highlighted.
 *
 * @prop call - `{ caller, callerRole, callerPhone, receivedAt, transcript: { speaker, text }[] }`
 */
@customElement('rh-call-transcript')
export class RhCallTranscript extends LitElement {
  static override styles = [
    typographyStyles,
    focusStyles,
    css`
      :host {
        display: block;
      }

      .details {
        margin-bottom: var(--rh-space-4);
      }

      ol {
        margin: 0 0 var(--rh-space-6);
        padding: 0;
        list-style: none;
      }

      li {
        margin: 0;
        padding: var(--rh-space-2) var(--rh-space-3);
        border-left: var(--rh-border-width-emphasis) solid var(--rh-colour-border);
      }

      li + li {
        margin-top: var(--rh-space-2);
      }

      li.speaking {
        border-left-color: var(--rh-colour-brand-accent);
        background-color: var(--rh-colour-light-background);
      }

      .speaker {
        display: block;
        font-weight: var(--rh-font-weight-bold);
      }
    `,
  ];

  @property({ attribute: false }) call: ReferralCall | undefined;

  @state() private speaking = false;
  /** The transcript line being read aloud, or -1. */
  @state() private currentLine = -1;

  private readonly synthesis: SpeechSynthesis | undefined =
    'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function' ? window.speechSynthesis : undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.speaking) this.stop();
  }

  override render() {
    const call = this.call;
    if (!call) return nothing;
    return html`
      <p class="details">
        Call from ${call.caller}, ${call.callerRole}, on ${call.callerPhone}.<br />
        Received ${call.receivedAt}.
      </p>
      ${this.renderPlayer()}
      <h4>Transcript</h4>
      <ol>
        ${call.transcript.map(
          (line, index) => html`<li class=${index === this.currentLine ? 'speaking' : ''}>
            <span class="speaker">${line.speaker}</span> ${line.text}
          </li>`,
        )}
      </ol>
    `;
  }

  private renderPlayer() {
    if (!this.synthesis) {
      return html`
        <rh-button type="button" variant="secondary" disabled>Play the call</rh-button>
        <p class="secondary-text">This browser cannot read the call aloud. The full transcript is below.</p>
      `;
    }
    return html`<rh-button type="button" variant="secondary" @click=${this.speaking ? this.stop : this.play}
      >${this.speaking ? 'Stop the call' : 'Play the call'}</rh-button
    >`;
  }

  private play(): void {
    const synthesis = this.synthesis;
    const transcript = this.call?.transcript ?? [];
    if (!synthesis || transcript.length === 0) return;
    synthesis.cancel();
    // Each speaker gets their own pitch, so the two sides of the call sound different.
    const speakers = [...new Set(transcript.map((line) => line.speaker))];
    transcript.forEach((line, index) => {
      const utterance = new SpeechSynthesisUtterance(line.text);
      utterance.lang = 'en-GB';
      utterance.pitch = speakers.indexOf(line.speaker) % 2 === 0 ? 1 : 0.8;
      utterance.onstart = () => {
        this.currentLine = index;
      };
      if (index === transcript.length - 1) {
        utterance.onend = () => this.finish();
        utterance.onerror = () => this.finish();
      }
      synthesis.speak(utterance);
    });
    this.speaking = true;
  }

  private stop(): void {
    this.synthesis?.cancel();
    this.finish();
  }

  private finish(): void {
    this.speaking = false;
    this.currentLine = -1;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rh-call-transcript': RhCallTranscript;
  }
}
