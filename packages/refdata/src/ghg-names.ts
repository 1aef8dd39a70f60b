// Mapping tables from elementary-flow nomenclatures to the species of the GWP sets (gwp-sets.ts). Data only:
// the matching logic is in ghg-mapping.ts. Every species named here must exist in the IPCC AR6 GWP100 set
// (checked by ghg-mapping.test.ts).

/** Origin of the carbon (CO2, CH4) or, for a resource, uptake from air. */
export type GhgKind = 'fossil' | 'biogenic' | 'land-transformation' | 'uptake' | 'unspecified';

/** CAS registry numbers (without leading zeros) → species. Only numbers we are sure of; others match by name. */
export const GHG_CAS: Readonly<Record<string, string>> = Object.freeze({
  '124-38-9': 'CO2',
  '74-82-8': 'CH4',
  '10024-97-2': 'N2O',
  '2551-62-4': 'SF6',
  '7783-54-2': 'NF3',
  '2699-79-8': 'SO2F2',
  // Hydrofluorocarbons
  '75-46-7': 'HFC23',
  '75-10-5': 'HFC32',
  '593-53-3': 'HFC41',
  '354-33-6': 'HFC125',
  '359-35-3': 'HFC134',
  '811-97-2': 'HFC134a',
  '420-46-2': 'HFC143a',
  '75-37-6': 'HFC152a',
  '431-89-0': 'HFC227ea',
  '690-39-1': 'HFC236fa',
  '460-73-1': 'HFC245fa',
  '406-58-6': 'HFC365mfc',
  // Perfluorocarbons
  '75-73-0': 'CF4',
  '76-16-4': 'C2F6',
  '76-19-7': 'C3F8',
  '115-25-3': 'cC4F8',
  '355-25-9': 'C4F10',
  '355-42-0': 'C6F14',
  // Chlorofluorocarbons, hydrochlorofluorocarbons, halons, chlorinated and brominated methanes/ethanes
  '75-69-4': 'CFC11',
  '75-71-8': 'CFC12',
  '75-72-9': 'CFC13',
  '76-13-1': 'CFC113',
  '76-14-2': 'CFC114',
  '76-15-3': 'CFC115',
  '75-43-4': 'HCFC21',
  '75-45-6': 'HCFC22',
  '306-83-2': 'HCFC123',
  '2837-89-0': 'HCFC124',
  '1717-00-6': 'HCFC141b',
  '75-68-3': 'HCFC142b',
  '75-63-8': 'Halon1301',
  '353-59-3': 'Halon1211',
  '124-73-2': 'Halon2402',
  '56-23-5': 'CCl4',
  '71-55-6': 'CH3CCl3',
  '74-83-9': 'CH3Br',
  '74-87-3': 'CH3Cl',
  '75-09-2': 'CH2Cl2',
  '67-66-3': 'CHCl3',
});

/**
 * Base names (lower case, before the first ',' or '(' qualifier) → species. A qualifier after the base name
 * must be one of GHG_QUALIFIERS, otherwise the name is not matched by its base (so 'Methane, chloro-' is not
 * methane).
 */
export const GHG_BASE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  // ecoinvent biosphere3, legacy USLCI, FEDEFL: 'Carbon dioxide, fossil', 'Methane, biogenic', 'Dinitrogen monoxide'
  // ILCD / EF reference package: 'carbon dioxide (fossil)', 'methane (biogenic)', 'nitrous oxide',
  // 'sulphur hexafluoride', 'nitrogen trifluoride'
  'carbon dioxide': 'CO2',
  methane: 'CH4',
  'dinitrogen monoxide': 'N2O',
  'nitrous oxide': 'N2O',
  'sulfur hexafluoride': 'SF6',
  'sulphur hexafluoride': 'SF6',
  'nitrogen trifluoride': 'NF3',
  'sulfuryl fluoride': 'SO2F2',
  // Perfluorocarbons by systematic name (FEDEFL / EcoSpold 1 USLCI: 'Hexafluoroethane', 'Perfluoropentane')
  tetrafluoromethane: 'CF4',
  perfluoromethane: 'CF4',
  hexafluoroethane: 'C2F6',
  perfluoroethane: 'C2F6',
  octafluoropropane: 'C3F8',
  perfluoropropane: 'C3F8',
  octafluorocyclobutane: 'cC4F8',
  perfluorocyclobutane: 'cC4F8',
  decafluorobutane: 'C4F10',
  perfluorobutane: 'C4F10',
  dodecafluoropentane: 'C5F12',
  perfluoropentane: 'C5F12',
  tetradecafluorohexane: 'C6F14',
  perfluorohexane: 'C6F14',
  // Chinese (CLCD and Chinese-language datasets): 二氧化碳 CO2, 甲烷 CH4, 氧化亚氮 / 一氧化二氮 N2O,
  // 六氟化硫 SF6, 三氟化氮 NF3
  二氧化碳: 'CO2',
  甲烷: 'CH4',
  氧化亚氮: 'N2O',
  一氧化二氮: 'N2O',
  六氟化硫: 'SF6',
  三氟化氮: 'NF3',
});

/**
 * Whole names (lower case) of halogenated methanes and ethanes written the CAS-index way without a code label
 * ('Methane, chloro-' as the USLCI EcoSpold 2 export names chloromethane): the base name alone would read as
 * methane, so they are matched whole.
 */
export const GHG_FULL_NAMES: Readonly<Record<string, string>> = Object.freeze({
  'methane, chloro-': 'CH3Cl',
  'methane, monochloro-': 'CH3Cl',
  'methane, dichloro-': 'CH2Cl2',
  'methane, trichloro-': 'CHCl3',
  'methane, tetrachloro-': 'CCl4',
  'methane, bromo-': 'CH3Br',
  'ethane, 1,1,1-trichloro-': 'CH3CCl3',
});

/** Qualifiers after a base name (lower case) → kind. */
export const GHG_QUALIFIERS: Readonly<Record<string, GhgKind>> = Object.freeze({
  // ecoinvent biosphere3 / legacy USLCI
  fossil: 'fossil',
  biogenic: 'biogenic',
  'non-fossil': 'biogenic',
  'land transformation': 'land-transformation',
  // ecoinvent 3.x: CO2 from loss of soil or biomass carbon stocks (land use change)
  'from soil or biomass stock': 'land-transformation',
  // ecoinvent biosphere3 / legacy USLCI resource 'Carbon dioxide, in air'
  'in air': 'uptake',
  // ILCD / EF reference package: 'carbon dioxide (land use change)', 'methane (land use change)'
  'land use change': 'land-transformation',
  // legacy USLCI (NETL) decorations: 'Nitrous oxide (laughing gas) [Inorganic emissions to air]'
  'laughing gas': 'unspecified',
  // Chinese
  化石: 'fossil',
  化石源: 'fossil',
  生物: 'biogenic',
  生物源: 'biogenic',
  生物质: 'biogenic',
  非化石: 'biogenic',
  土地利用变化: 'land-transformation',
  土地转化: 'land-transformation',
});

/**
 * Code labels at the end of halocarbon names (ecoinvent biosphere3 and legacy USLCI: 'Ethane,
 * 1,1,1,2-tetrafluoro-, HFC-134a', 'Methane, bromotrifluoro-, Halon 1301'), normalised to upper case
 * without '-' and spaces, whose species name differs from the code. Other codes map to themselves
 * ('HFC134A' → 'HFC134a') when the GWP sets have that species.
 */
export const GHG_CODE_ALIASES: Readonly<Record<string, string>> = Object.freeze({
  // legacy USLCI: 'Methane, tetrachloro-, CFC-10'
  CFC10: 'CCl4',
  // legacy USLCI: 'Methane, tetrafluoro-, CFC-14' / 'FC-14'; PFC-14 = R-14 = tetrafluoromethane
  CFC14: 'CF4',
  FC14: 'CF4',
  PFC14: 'CF4',
  R14: 'CF4',
  // legacy USLCI / ecoinvent: 'Ethane, hexafluoro-, HFC-116' (hexafluoroethane, a PFC)
  HFC116: 'C2F6',
  PFC116: 'C2F6',
  FC116: 'C2F6',
  // ecoinvent: 'Propane, perfluoro-' has CAS; PFC-218 = octafluoropropane
  PFC218: 'C3F8',
  // legacy USLCI: 'Ethane, 1,1,1-trichloro-, HCFC-140' (1,1,1-trichloroethane, methyl chloroform)
  HCFC140: 'CH3CCl3',
  HCC140: 'CH3CCl3',
  HCC140A: 'CH3CCl3',
  // legacy USLCI / ecoinvent: 'Methane, bromo-, Halon 1001' (bromomethane)
  HALON1001: 'CH3Br',
  // legacy USLCI / ecoinvent: 'Methane, monochloro-, R-40' (chloromethane)
  R40: 'CH3Cl',
  HCC40: 'CH3Cl',
  // legacy USLCI / ecoinvent: 'Methane, dichloro-, HCC-30' (dichloromethane)
  HCC30: 'CH2Cl2',
  R30: 'CH2Cl2',
  // chloroform
  HCC20: 'CHCl3',
  R20: 'CHCl3',
  // carbon tetrachloride
  R10: 'CCl4',
});
