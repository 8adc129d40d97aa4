// Label-map presets for well-known label sets, so a person can name the labels of a
// TotalSegmentator, Decathlon, BraTS, KiTS, AMOS or BTCV output without writing a label file. A
// preset is only ever used when the person picks it ("Mask Inspector: Use Label Names From…"); the
// extension never guesses one from the data. Each map is taken from its project's published
// definition, cited next to it (repository + path + version, or paper); names are kept as the
// source spells them (including AMOS's "arota"), so a reader can check them against the source.
// Pure data: the core, the CLI and tests read it.

export interface LabelPreset {
  /** Stable key, remembered in workspace state: never rename one. */
  readonly id: string;
  /** What the quick pick and the "preset: …" line show. */
  readonly name: string;
  /** Where the map comes from (cited source and version). */
  readonly source: string;
  /** Voxel value -> name; 0 (background) is left out. */
  readonly names: Readonly<Record<number, string>>;
}

// Source: github.com/wasserth/TotalSegmentator, totalsegmentator/map_to_binary.py, class_map["total_v1"],
// release v2.18.0 (commit 184fa4765456492b2ab81a981cc387465906b003); identical to class_map["total"] of
// release v1.5.7 (the last v1 release). Apache-2.0.
const TOTALSEGMENTATOR_V1: Readonly<Record<number, string>> = {
    1: 'spleen', 2: 'kidney_right', 3: 'kidney_left', 4: 'gallbladder', 5: 'liver', 6: 'stomach', 7: 'aorta',
    8: 'inferior_vena_cava', 9: 'portal_vein_and_splenic_vein', 10: 'pancreas', 11: 'adrenal_gland_right',
    12: 'adrenal_gland_left', 13: 'lung_upper_lobe_left', 14: 'lung_lower_lobe_left', 15: 'lung_upper_lobe_right',
    16: 'lung_middle_lobe_right', 17: 'lung_lower_lobe_right', 18: 'vertebrae_L5', 19: 'vertebrae_L4',
    20: 'vertebrae_L3', 21: 'vertebrae_L2', 22: 'vertebrae_L1', 23: 'vertebrae_T12', 24: 'vertebrae_T11',
    25: 'vertebrae_T10', 26: 'vertebrae_T9', 27: 'vertebrae_T8', 28: 'vertebrae_T7', 29: 'vertebrae_T6',
    30: 'vertebrae_T5', 31: 'vertebrae_T4', 32: 'vertebrae_T3', 33: 'vertebrae_T2', 34: 'vertebrae_T1',
    35: 'vertebrae_C7', 36: 'vertebrae_C6', 37: 'vertebrae_C5', 38: 'vertebrae_C4', 39: 'vertebrae_C3',
    40: 'vertebrae_C2', 41: 'vertebrae_C1', 42: 'esophagus', 43: 'trachea', 44: 'heart_myocardium',
    45: 'heart_atrium_left', 46: 'heart_ventricle_left', 47: 'heart_atrium_right', 48: 'heart_ventricle_right',
    49: 'pulmonary_artery', 50: 'brain', 51: 'iliac_artery_left', 52: 'iliac_artery_right', 53: 'iliac_vena_left',
    54: 'iliac_vena_right', 55: 'small_bowel', 56: 'duodenum', 57: 'colon', 58: 'rib_left_1', 59: 'rib_left_2',
    60: 'rib_left_3', 61: 'rib_left_4', 62: 'rib_left_5', 63: 'rib_left_6', 64: 'rib_left_7', 65: 'rib_left_8',
    66: 'rib_left_9', 67: 'rib_left_10', 68: 'rib_left_11', 69: 'rib_left_12', 70: 'rib_right_1', 71: 'rib_right_2',
    72: 'rib_right_3', 73: 'rib_right_4', 74: 'rib_right_5', 75: 'rib_right_6', 76: 'rib_right_7', 77: 'rib_right_8',
    78: 'rib_right_9', 79: 'rib_right_10', 80: 'rib_right_11', 81: 'rib_right_12', 82: 'humerus_left',
    83: 'humerus_right', 84: 'scapula_left', 85: 'scapula_right', 86: 'clavicula_left', 87: 'clavicula_right',
    88: 'femur_left', 89: 'femur_right', 90: 'hip_left', 91: 'hip_right', 92: 'sacrum', 93: 'face',
    94: 'gluteus_maximus_left', 95: 'gluteus_maximus_right', 96: 'gluteus_medius_left', 97: 'gluteus_medius_right',
    98: 'gluteus_minimus_left', 99: 'gluteus_minimus_right', 100: 'autochthon_left', 101: 'autochthon_right',
    102: 'iliopsoas_left', 103: 'iliopsoas_right', 104: 'urinary_bladder'
};

// Source: github.com/wasserth/TotalSegmentator, totalsegmentator/map_to_binary.py, class_map["total"],
// release v2.18.0 (commit 184fa4765456492b2ab81a981cc387465906b003), the task "total" of TotalSegmentator
// v2. Apache-2.0. The file of releases v2.0.0–v2.1.x numbered the ribs 92–107 in another order; v2.2.0
// and later use this one.
const TOTALSEGMENTATOR_V2: Readonly<Record<number, string>> = {
    1: 'spleen', 2: 'kidney_right', 3: 'kidney_left', 4: 'gallbladder', 5: 'liver', 6: 'stomach', 7: 'pancreas',
    8: 'adrenal_gland_right', 9: 'adrenal_gland_left', 10: 'lung_upper_lobe_left', 11: 'lung_lower_lobe_left',
    12: 'lung_upper_lobe_right', 13: 'lung_middle_lobe_right', 14: 'lung_lower_lobe_right', 15: 'esophagus',
    16: 'trachea', 17: 'thyroid_gland', 18: 'small_bowel', 19: 'duodenum', 20: 'colon', 21: 'urinary_bladder',
    22: 'prostate', 23: 'kidney_cyst_left', 24: 'kidney_cyst_right', 25: 'sacrum', 26: 'vertebrae_S1',
    27: 'vertebrae_L5', 28: 'vertebrae_L4', 29: 'vertebrae_L3', 30: 'vertebrae_L2', 31: 'vertebrae_L1',
    32: 'vertebrae_T12', 33: 'vertebrae_T11', 34: 'vertebrae_T10', 35: 'vertebrae_T9', 36: 'vertebrae_T8',
    37: 'vertebrae_T7', 38: 'vertebrae_T6', 39: 'vertebrae_T5', 40: 'vertebrae_T4', 41: 'vertebrae_T3',
    42: 'vertebrae_T2', 43: 'vertebrae_T1', 44: 'vertebrae_C7', 45: 'vertebrae_C6', 46: 'vertebrae_C5',
    47: 'vertebrae_C4', 48: 'vertebrae_C3', 49: 'vertebrae_C2', 50: 'vertebrae_C1', 51: 'heart', 52: 'aorta',
    53: 'pulmonary_vein', 54: 'brachiocephalic_trunk', 55: 'subclavian_artery_right', 56: 'subclavian_artery_left',
    57: 'common_carotid_artery_right', 58: 'common_carotid_artery_left', 59: 'brachiocephalic_vein_left',
    60: 'brachiocephalic_vein_right', 61: 'atrial_appendage_left', 62: 'superior_vena_cava',
    63: 'inferior_vena_cava', 64: 'portal_vein_and_splenic_vein', 65: 'iliac_artery_left', 66: 'iliac_artery_right',
    67: 'iliac_vena_left', 68: 'iliac_vena_right', 69: 'humerus_left', 70: 'humerus_right', 71: 'scapula_left',
    72: 'scapula_right', 73: 'clavicula_left', 74: 'clavicula_right', 75: 'femur_left', 76: 'femur_right',
    77: 'hip_left', 78: 'hip_right', 79: 'spinal_cord', 80: 'gluteus_maximus_left', 81: 'gluteus_maximus_right',
    82: 'gluteus_medius_left', 83: 'gluteus_medius_right', 84: 'gluteus_minimus_left', 85: 'gluteus_minimus_right',
    86: 'autochthon_left', 87: 'autochthon_right', 88: 'iliopsoas_left', 89: 'iliopsoas_right', 90: 'brain',
    91: 'skull', 92: 'rib_left_1', 93: 'rib_left_2', 94: 'rib_left_3', 95: 'rib_left_4', 96: 'rib_left_5',
    97: 'rib_left_6', 98: 'rib_left_7', 99: 'rib_left_8', 100: 'rib_left_9', 101: 'rib_left_10', 102: 'rib_left_11',
    103: 'rib_left_12', 104: 'rib_right_1', 105: 'rib_right_2', 106: 'rib_right_3', 107: 'rib_right_4',
    108: 'rib_right_5', 109: 'rib_right_6', 110: 'rib_right_7', 111: 'rib_right_8', 112: 'rib_right_9',
    113: 'rib_right_10', 114: 'rib_right_11', 115: 'rib_right_12', 116: 'sternum', 117: 'costal_cartilages'
};

/** The Decathlon's dataset.json "labels" blocks (medicaldecathlon.com, release 1.1 of the TaskNN_*.tar files, CC-BY-SA 4.0). */
const DECATHLON: readonly (readonly [string, string, Readonly<Record<number, string>>])[] = [
  ['Task01_BrainTumour', 'brain tumour, MRI', { 1: 'edema', 2: 'non-enhancing tumor', 3: 'enhancing tumour' }],
  ['Task02_Heart', 'left atrium, MRI', { 1: 'left atrium' }],
  ['Task03_Liver', 'liver and tumour, CT', { 1: 'liver', 2: 'cancer' }],
  ['Task04_Hippocampus', 'hippocampus, MRI', { 1: 'Anterior', 2: 'Posterior' }],
  ['Task05_Prostate', 'prostate zones, MRI', { 1: 'PZ', 2: 'TZ' }],
  ['Task06_Lung', 'lung tumour, CT', { 1: 'cancer' }],
  ['Task07_Pancreas', 'pancreas and tumour, CT', { 1: 'pancreas', 2: 'cancer' }],
  ['Task08_HepaticVessel', 'hepatic vessels and tumour, CT', { 1: 'Vessel', 2: 'Tumour' }],
  ['Task09_Spleen', 'spleen, CT', { 1: 'spleen' }],
  ['Task10_Colon', 'colon cancer, CT', { 1: 'colon cancer primaries' }],
];

export const LABEL_PRESETS: readonly LabelPreset[] = [
  {
    id: 'totalsegmentator-v2',
    name: 'TotalSegmentator v2 (task "total", 117 classes)',
    source: 'github.com/wasserth/TotalSegmentator totalsegmentator/map_to_binary.py class_map["total"], release v2.18.0',
    names: TOTALSEGMENTATOR_V2,
  },
  {
    id: 'totalsegmentator-v1',
    name: 'TotalSegmentator v1 (104 classes)',
    source: 'github.com/wasserth/TotalSegmentator totalsegmentator/map_to_binary.py class_map["total_v1"], release v2.18.0 (= "total" of v1.5.7)',
    names: TOTALSEGMENTATOR_V1,
  },
  ...DECATHLON.map(([task, what, names]): LabelPreset => ({
    id: `msd-${task.slice(0, 6).toLowerCase()}`,
    name: `Medical Segmentation Decathlon ${task} (${what})`,
    source: `Medical Segmentation Decathlon, ${task}/dataset.json "labels", release 1.1 (medicaldecathlon.com)`,
    names,
  })),
  {
    // Bakas et al., arXiv:1811.02629 (BraTS 2017–2018) and Baid et al., arXiv:2107.02314 (BraTS 2021),
    // section "Tumor sub-regions": labels 1, 2 and 4; 3 is unused.
    id: 'brats-2021',
    name: 'BraTS 2017–2021 (labels 1, 2, 4)',
    source: 'Baid et al., "The RSNA-ASNR-MICCAI BraTS 2021 Benchmark", arXiv:2107.02314, and Bakas et al., arXiv:1811.02629',
    names: { 1: 'necrotic tumor core (NCR)', 2: 'peritumoral edematous/invaded tissue (ED)', 4: 'GD-enhancing tumor (ET)' },
  },
  {
    // The BraTS 2023 adult glioma data (ASNR-MICCAI-BraTS2023-GLI, www.synapse.org Synapse:syn51156910)
    // keep the 2021 sub-regions but store the enhancing tumor as 3 instead of 4.
    id: 'brats-2023',
    name: 'BraTS 2023 adult glioma (labels 1, 2, 3)',
    source: 'BraTS 2023 adult glioma challenge data description, Synapse syn51156910 (label 4 of BraTS 2021 became 3)',
    names: { 1: 'necrotic tumor core (NCR)', 2: 'peritumoral edematous/invaded tissue (ED)', 3: 'GD-enhancing tumor (ET)' },
  },
  {
    // github.com/neheller/kits19 README.md ("a value of 0 represents background, 1 represents kidney,
    // and 2 represents tumor"), commit 456b293435b25303bbc7995f094f83a0afdff0eb. MIT.
    id: 'kits19',
    name: 'KiTS19 (kidney, tumor)',
    source: 'github.com/neheller/kits19 README.md, commit 456b293',
    names: { 1: 'kidney', 2: 'tumor' },
  },
  {
    // github.com/neheller/kits23 kits23/configuration/labels.py KITS_LABEL_NAMES, commit
    // c1088353084c17b8882a11db71429e7c022b7785 (MIT); KiTS21 (github.com/neheller/kits21, same file
    // under kits21/configuration/) uses the same three labels.
    id: 'kits21',
    name: 'KiTS21 / KiTS23 (kidney, tumor, cyst)',
    source: 'github.com/neheller/kits23 kits23/configuration/labels.py KITS_LABEL_NAMES, commit c108835 (same labels as KiTS21)',
    names: { 1: 'kidney', 2: 'tumor', 3: 'cyst' },
  },
  {
    // The dataset.json of amos22.zip (zenodo.org/records/7262581, AMOS 2022, release "1.0 01/05/2022",
    // CC-BY-SA 4.0); Ji et al., arXiv:2206.08023. "arota" and "postcava" are the file's own words.
    id: 'amos22',
    name: 'AMOS 2022 (15 abdominal organs)',
    source: 'AMOS 2022 dataset.json "labels" (amos22.zip, zenodo.org/records/7262581, release 1.0); Ji et al., arXiv:2206.08023',
    names: {
      1: 'spleen', 2: 'right kidney', 3: 'left kidney', 4: 'gall bladder', 5: 'esophagus', 6: 'liver', 7: 'stomach',
      8: 'arota', 9: 'postcava', 10: 'pancreas', 11: 'right adrenal gland', 12: 'left adrenal gland', 13: 'duodenum',
      14: 'bladder', 15: 'prostate/uterus',
    },
  },
  {
    // Multi-Atlas Labeling Beyond the Cranial Vault (BTCV), abdomen task, Synapse syn3193805
    // (www.synapse.org/Synapse:syn3193805/wiki/217789): the 13 organs in their label order.
    id: 'btcv-abdomen',
    name: 'BTCV abdomen (13 organs)',
    source: 'Multi-Atlas Labeling Beyond the Cranial Vault, abdomen, Synapse syn3193805 (wiki 217789)',
    names: {
      1: 'spleen', 2: 'right kidney', 3: 'left kidney', 4: 'gallbladder', 5: 'esophagus', 6: 'liver', 7: 'stomach',
      8: 'aorta', 9: 'inferior vena cava', 10: 'portal vein and splenic vein', 11: 'pancreas',
      12: 'right adrenal gland', 13: 'left adrenal gland',
    },
  },
];

export function labelPreset(id: string): LabelPreset | undefined {
  return LABEL_PRESETS.find((p) => p.id === id);
}
