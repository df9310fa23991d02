/**
 * Stands in for `linkify-it` in the client build (vite.config.ts): client/markdown.ts turns bare-URL
 * linking off, so markdown-it only constructs its linkifier and never calls it, and the real one's
 * top-level-domain patterns would be downloaded for nothing. Turning linkify on fails loudly here.
 */
export default class LinkifyOff {
  private refuse(): never {
    throw new Error('linkify is off in client/markdown.ts; remove the linkify-it alias in vite.config.ts to turn it on');
  }

  pretest(): never {
    return this.refuse();
  }

  test(): never {
    return this.refuse();
  }

  match(): never {
    return this.refuse();
  }

  matchAtStart(): never {
    return this.refuse();
  }
}
