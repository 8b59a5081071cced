import { Type } from '@sinclair/typebox';

/** Login answers 202 with this when the password was right and a second factor is needed. */
export const MfaPendingSchema = Type.Object({ mfa: Type.Union([Type.Literal('verify'), Type.Literal('enrol')]) });

export const MfaCodeBody = Type.Object(
  {
    /** Six digits from the authenticator app, or a recovery code (xxxxx-xxxxx). */
    code: Type.String({ minLength: 1, maxLength: 32 }),
  },
  { additionalProperties: false },
);

export const MfaStatusSchema = Type.Object({
  enrolled: Type.Boolean(),
  required: Type.Boolean(),
  recoveryCodesLeft: Type.Integer(),
});

export const MfaEnrolmentSchema = Type.Object({
  /** Base32, for typing into the app by hand; shown during enrolment only. */
  secret: Type.String(),
  otpauthUri: Type.String(),
  /** The QR code of otpauthUri as an SVG document. */
  qrSvg: Type.String(),
});

export const MfaConfirmedSchema = Type.Object({ recoveryCodes: Type.Array(Type.String()) });
