/** 202: the request is taken; the same answer whatever was found, so it tells nothing about who has an account. */
export interface Accepted {
  status: 'accepted';
  /** User-facing, in Norwegian. */
  message: string;
}

/** 200: done. */
export interface Done {
  status: 'ok';
  /** User-facing, in Norwegian. */
  message: string;
}
