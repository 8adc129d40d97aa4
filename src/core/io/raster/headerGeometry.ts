// The world/RAS geometry of NRRD and MetaImage headers in the model NIfTI uses (a 4×4 voxel-to-RAS+
// millimetre affine): both formats give a direction vector per array axis (already scaled by the
// spacing, or a unit direction and a spacing), an origin (the centre of voxel 0), and a frame the
// vectors are written in. ITK, Slicer and MetaImage write LPS (DICOM's frame); RAS and LAS also occur.
import { InputError } from '../../errors';
import { det3, type Mat3 } from '../../geometry/matrix';
import { makeGeometry } from '../../geometry/orientation';
import type { Affine, Geometry, Vec3 } from '../../volume';

/** The sign that takes each frame axis to RAS+. */
export type SpaceFrame = 'RAS' | 'LAS' | 'LPS';

const TO_RAS: Readonly<Record<SpaceFrame, Vec3>> = { RAS: [1, 1, 1], LAS: [-1, 1, 1], LPS: [-1, -1, 1] };

/**
 * `columns[a]` is the step in world millimetres (in `frame`) from one voxel to the next along array
 * axis a; `origin` is the centre of voxel (0,0,0). Refuses non-finite numbers and axes that are zero
 * or parallel (no 3-D grid), each in one sentence naming the file.
 */
export function headerGeometry(name: string, shape: Vec3, columns: readonly [Vec3, Vec3, Vec3], origin: Vec3, frame: SpaceFrame): Geometry {
  const flip = TO_RAS[frame];
  if ([...columns.flat(), ...origin].some((v) => !Number.isFinite(v))) {
    throw new InputError(`${name} has a direction, spacing or origin that is not a finite number.`);
  }
  const m: Mat3 = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let a = 0; a < 3; a++) for (let r = 0; r < 3; r++) m[r * 3 + a] = flip[r]! * columns[a]![r]!;
  const scale = Math.max(...columns.map((c) => Math.hypot(...c)));
  if (!(scale > 0) || Math.abs(det3(m)) <= 1e-12 * scale ** 3) {
    throw new InputError(`${name} has axis directions that do not span 3-D space (an axis of length zero, or two parallel axes).`);
  }
  const t = origin.map((v, r) => flip[r]! * v);
  const affine: Affine = [m[0], m[1], m[2], t[0]!, m[3], m[4], m[5], t[1]!, m[6], m[7], m[8], t[2]!, 0, 0, 0, 1];
  return makeGeometry(shape, affine, 'header');
}
