/**
 * Constants shared by the page probe (which must stay tiny: no imports beyond this file) and the
 * rest of the extension.
 */

/** The tag on every probe message (`window.postMessage`): other messages on the page are ignored. */
export const PROBE_CHANNEL = '__renkei_doctor_probe_v1__';
/** The non-enumerable window property where the probe keeps its marker and a bounded copy of its records. */
export const PROBE_GLOBAL = '__renkeiDoctorProbe';
