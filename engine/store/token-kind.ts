/**
 * The three kinds of token (names stored once, referred to by id everywhere else) and the
 * two store files each kind lives in: the token records and their names.
 */
import { StoreType } from './store-type.js';

export type TokenKind = 'label' | 'relationshipType' | 'propertyKey';

export const TOKEN_KINDS: readonly TokenKind[] = ['label', 'relationshipType', 'propertyKey'];

export interface TokenStores {
  readonly token: StoreType;
  readonly names: StoreType;
}

export const tokenStores: Readonly<Record<TokenKind, TokenStores>> = {
  label: { token: StoreType.labelToken, names: StoreType.labelNames },
  relationshipType: { token: StoreType.relationshipTypeToken, names: StoreType.relationshipTypeNames },
  propertyKey: { token: StoreType.propertyKeyToken, names: StoreType.propertyKeyNames },
};

/** The kind whose token records live in `store`, if any. */
export function tokenKindOfStore(store: StoreType): TokenKind | undefined {
  switch (store) {
    case StoreType.labelToken:
      return 'label';
    case StoreType.relationshipTypeToken:
      return 'relationshipType';
    case StoreType.propertyKeyToken:
      return 'propertyKey';
    default:
      return undefined;
  }
}
