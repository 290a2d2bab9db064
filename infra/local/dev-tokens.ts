import { generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/** What a dev token may carry: the claims a Cognito ID token of this API carries. */
export interface DevTokenRequest {
  readonly sub: string;
  readonly groups?: readonly string[];
  readonly country?: string;
}

export const devIssuer = 'urn:bali-disruption:local-dev';
export const devAudience = 'bali-disruption-local';
const lifetime = '8h';

/**
 * Signs and verifies the local server's tokens with an ES256 key pair made at start, so a
 * token from one run is worthless in the next, and every check (signature, algorithm, issuer,
 * audience, expiry) that API Gateway makes on AWS is made here too.
 */
export class DevTokens {
  private readonly privateKey: CryptoKey;
  private readonly publicKey: CryptoKey;

  private constructor(privateKey: CryptoKey, publicKey: CryptoKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  static async create(): Promise<DevTokens> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    return new DevTokens(privateKey, publicKey);
  }

  /**
   * A token for these claims. `claims` overrides the standard ones, which is how tests make the
   * tokens the server must refuse (expired, another issuer or audience) with the real key.
   */
  sign(request: DevTokenRequest, claims: { iss?: string; aud?: string; exp?: number } = {}): Promise<string> {
    return new SignJWT({
      ...(request.groups && request.groups.length > 0 ? { 'cognito:groups': [...request.groups] } : {}),
      ...(request.country ? { 'custom:country': request.country } : {}),
      token_use: 'id',
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setSubject(request.sub)
      .setIssuer(claims.iss ?? devIssuer)
      .setAudience(claims.aud ?? devAudience)
      .setIssuedAt()
      .setExpirationTime(claims.exp ?? lifetime)
      .sign(this.privateKey);
  }

  /** The verified claims, or null for any token that fails any check. */
  async verify(token: string): Promise<JWTPayload | null> {
    try {
      const { payload } = await jwtVerify(token, this.publicKey, {
        algorithms: ['ES256'],
        issuer: devIssuer,
        audience: devAudience,
        requiredClaims: ['sub', 'exp'],
      });
      return payload;
    } catch {
      return null;
    }
  }
}
