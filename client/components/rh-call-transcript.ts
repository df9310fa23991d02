import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { TeamScenarioView } from '../../server/packs/views.js';
import { focusStyles, typographyStyles } from '../styles/shared.js';
import './rh-button.js';

export type ReferralCall = TeamScenarioView['referral']['call'];

/** How long to wait for the browser's voices before saying there are none. */
const voiceWaitMs = 1_500;

/**
 * A referral phone call: who rang and when, a button that reads the call aloud with the browser's
 * speech synthesis (there is no recording), and the full transcript, which is always on screen so
 * nobody depends on hearing it. Where the browser has no speech synthesis, or has it but no voice
 * installed (common on Linux and in some locked-down browsers: speaking then does nothing at all),
 * the button is disabled and says why; if speaking fails part-way, a message says so. While the
 * call is playing the button stops it, and the line being read is highlighted.
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
  /** Whether the browser has a voice to speak with: voices load late in some browsers. */
  @state() private voices: 'checking' | 'available' | 'none' = 'checking';
  /** Why the last attempt to play stopped, shown under the button. */
  @state() private failure = '';
  private voiceWait: ReturnType<typeof setTimeout> | undefined;
  /** The transcript line being read aloud, or -1. */
  @state() private currentLine = -1;

  private readonly synthesis: SpeechSynthesis | undefined =
    'speechSynthesis' in window && typeof SpeechSynthesisUtterance === 'function' ? window.speechSynthesis : undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    const synthesis = this.synthesis;
    if (!synthesis) return;
    if (synthesis.getVoices().length > 0) {
      this.voices = 'available';
      return;
    }
    // Chromium fills the list after a moment and says so with "voiceschanged"; without any by then
    // there is no voice, and speaking would silently do nothing.
    synthesis.addEventListener('voiceschanged', this.voicesChanged);
    this.voiceWait = setTimeout(() => this.settleVoices(), voiceWaitMs);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.synthesis?.removeEventListener('voiceschanged', this.voicesChanged);
    clearTimeout(this.voiceWait);
    if (this.speaking) this.stop();
  }

  private readonly voicesChanged = (): void => {
    if ((this.synthesis?.getVoices().length ?? 0) > 0) this.settleVoices();
  };

  /** Decides, once: a voice now, or none. */
  private settleVoices(): void {
    clearTimeout(this.voiceWait);
    this.voiceWait = undefined;
    this.synthesis?.removeEventListener('voiceschanged', this.voicesChanged);
    this.voices = (this.synthesis?.getVoices().length ?? 0) > 0 ? 'available' : 'none';
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
    if (!this.synthesis || this.voices === 'none') {
      return html`
        <rh-button type="button" variant="secondary" disabled>Play the call</rh-button>
        <p class="secondary-text">
          ${this.synthesis
            ? 'This browser has no voice installed to read the call aloud.'
            : 'This browser cannot read the call aloud.'}
          There is no recording: read the full transcript below.
        </p>
      `;
    }
    return html`<rh-button
        type="button"
        variant="secondary"
        ?disabled=${this.voices === 'checking'}
        @click=${this.speaking ? this.stop : this.play}
        >${this.speaking ? 'Stop the call' : 'Play the call'}</rh-button
      >
      <p class="secondary-text" role="status">
        ${this.failure ||
        (this.voices === 'checking' ? 'Looking for a voice to read the call…' : 'Read aloud by your browser’s voice from the transcript below; there is no recording.')}
      </p>`;
  }

  private play(): void {
    const synthesis = this.synthesis;
    const transcript = this.call?.transcript ?? [];
    if (!synthesis || transcript.length === 0) return;
    synthesis.cancel();
    this.failure = '';
    // Each speaker gets their own pitch, so the two sides of the call sound different.
    const speakers = [...new Set(transcript.map((line) => line.speaker))];
    transcript.forEach((line, index) => {
      const utterance = new SpeechSynthesisUtterance(line.text);
      utterance.lang = 'en-GB';
      utterance.pitch = speakers.indexOf(line.speaker) % 2 === 0 ? 1 : 0.8;
      utterance.onstart = () => {
        this.currentLine = index;
      };
      // Cancelling (Stop) also ends utterances with an error: only a real failure is reported.
      utterance.onerror = (event) => {
        if (event.error === 'canceled' || event.error === 'interrupted') return;
        this.failure = 'The browser could not read the call aloud. Read the transcript below.';
        this.stop();
      };
      if (index === transcript.length - 1) utterance.onend = () => this.finish();
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
