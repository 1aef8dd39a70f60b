// Materials table of the starter background database: cradle-to-gate (or as-stated) GHG intensities of key
// materials of the priority products, each traced to a public document. Values are transcribed as published;
// the only arithmetic is t → kg (÷ 1000), written in each `derivation`. A material without a citable public
// value is left out rather than estimated. The one dataset taken from an inventory (USLCI secondary aluminium)
// lists the gas masses of the dataset itself; only its PFCs, which have no flow key here, are weighted to CO2e.

import type { StarterDataset, StarterSource } from './starter-dataset.js';

const FACTS_WITH_CITATION = 'facts quoted with citation';

/** The public sources of the material datasets. */
export const materialSources: StarterSource[] = [
  {
    id: 'worldsteel-sustainability-indicators-2023',
    title:
      'Sustainability Indicators 2023 report — Sustainability performance of the steel industry 2004-2022',
    issuer: 'World Steel Association (worldsteel)',
    year: 2023,
    version: 'November 2023 (fiscal year 2022 data)',
    url: 'https://worldsteel.org/media/press-releases/2023/sustainability-indicators-2023/',
    licence: `${FACTS_WITH_CITATION} (worldsteel publication, free download; all rights reserved by worldsteel)`,
  },
  {
    id: 'iai-ghg-intensity-primary-aluminium',
    title: 'Greenhouse Gas Emissions Intensity - Primary Aluminium (statistics) and IAI release on 2022 data',
    issuer: 'International Aluminium Institute (IAI)',
    year: 2024,
    version: '2022 data, released February 2024',
    url: 'https://international-aluminium.org/statistics/greenhouse-gas-emissions-intensity-primary-aluminium/',
    licence: `${FACTS_WITH_CITATION} (IAI public statistics)`,
  },
  {
    id: 'nga-flat-glass-epd-2019',
    title: 'Environmental Product Declaration – Flat Glass (industry average), declaration ASTM-EPD121',
    issuer: 'National Glass Association (NGA); programme operator ASTM International',
    year: 2019,
    version: 'issued 2019-12-20, valid until 2024-12-20 (expired)',
    url: 'https://glass.org/advocacy/initiatives/sustainability',
    licence: `${FACTS_WITH_CITATION} (industry-average EPD)`,
  },
  {
    id: 'hopewell-2009-plastics-recycling',
    title: 'Plastics recycling: challenges and opportunities',
    issuer:
      'Philosophical Transactions of the Royal Society B 364(1526):2115-2126; J. Hopewell, R. Dvorak, E. Kosior ' +
      '(Table 3 quotes PlasticsEurope 2008a eco-profile data)',
    year: 2009,
    version: 'doi:10.1098/rstb.2008.0311',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC2873020/table/RSTB20080311TB3',
    licence: `${FACTS_WITH_CITATION} (© The Royal Society 2009)`,
  },
  {
    id: 'dictuc-2022-lithium-atacama',
    title:
      'Litio producido en Chile posee la menor huella de carbono del mundo (UC–Dictuc study of Salar de Atacama)',
    issuer: 'Dictuc and Pontificia Universidad Católica de Chile',
    year: 2022,
    url: 'https://dictuc.cl/en/medios/litio-producido-en-chile-posee-la-menor-huella-de-carbono-del-mundo',
    licence: FACTS_WITH_CITATION,
  },
  {
    id: 'jie-2022-graphite-lci',
    title: 'Toward a life cycle inventory for graphite production',
    issuer:
      'Journal of Industrial Ecology (co-author Robert Pell, Minviro); abstract as published by Minviro',
    year: 2022,
    url: 'https://www.minviro.com/resources/blogs/journal-of-industrial-ecology-toward-a-life-cycle-inventory-for-graphite-production',
    licence: `${FACTS_WITH_CITATION} (journal abstract)`,
  },
  {
    id: 'wbcsd-csi-gnr-2011',
    title: 'Getting the Numbers Right (GNR) — cement industry CO2 and energy performance, 2011 data',
    issuer: 'World Business Council for Sustainable Development, Cement Sustainability Initiative (now GCCA)',
    year: 2013,
    version: '2011 data update',
    url: 'http://www.cemnet.com/News/story/152544/csi-reports-encouraging-carbon-reduction-data.html',
    licence: `${FACTS_WITH_CITATION} (GNR public web reports)`,
  },
  {
    id: 'uslci-aluminum-secondary-ingot',
    title:
      'U.S. Life Cycle Inventory Database (USLCI), dataset "Aluminum, secondary ingot, at plant" ' +
      '(process bcc68f88-debb-3fc3-93ee-5ceadcef0b14)',
    issuer:
      'USLCI (U.S. Department of Energy / NREL, now the Federal LCA Commons); data from the Aluminum Association, ' +
      'modelled by PE International',
    year: 2015,
    version:
      'dataset last changed 2015-07-30, valid 2010-2015; identical gas amounts in the USLCI openLCA JSON-LD ' +
      '(olca 1.5) and EcoSpold 2 FY18 Q1 exports',
    url: 'https://github.com/FLCAC-admin/uslci-content',
    licence: 'MIT (USLCI repository licence, © 2017 uslci-admin)',
  },
  {
    id: 'istrate-2024-lib-raw-materials',
    title:
      'Decarbonizing lithium-ion battery primary raw materials supply chain: Available strategies, mitigation ' +
      'potential and challenges — results file data/results/fig2_total_ghgs_30-07-2024.csv of the article repository',
    issuer:
      'Joule (2024); R. Istrate, A. Mas-Fons, A. Beylot, S. Northey, K. Vaidya, G. Sonnemann, R. Kleijn, ' +
      'B. Steubing; repository github.com/robyistrate/decarbonization_LIB_raw_materials',
    year: 2024,
    version: 'repository commit 451e7ca (30 Aug 2024); ecoinvent 3.10 cut-off background',
    url: 'https://github.com/robyistrate/decarbonization_LIB_raw_materials',
    licence:
      `${FACTS_WITH_CITATION} (published results; the repository is MIT-licensed; open copy of the article at ` +
      'brgm.hal.science/hal-04823192)',
  },
];

const WORLDSTEEL_ROUTES =
  'worldsteel Sustainability Indicators 2023 report, p. 3 (indicator 1, fiscal year 2022), which writes the global ' +
  'CO2 intensity as 2.33 (BF-BOF) × 72% + 0.68 (scrap-EAF) × 21% + 1.37 (DRI-EAF) × 7%, in tonnes CO2 per tonne ' +
  'crude steel cast; transcribed from the report by http://www.kydy.com.cn/article-20765-1.html and consistent ' +
  'with the 2022 global value 1.91 in the worldsteel press release of 7 Nov 2023 ' +
  '(2.33×0.72 + 0.68×0.21 + 1.37×0.07 = 1.9163 ≈ 1.91)';

const WORLDSTEEL_BOUNDARY =
  'CO2 per tonne of crude steel cast, as defined by worldsteel indicator 1 (CO2 only; worldsteel notes CO2 is ' +
  'about 93% of steel GHG emissions); finished products (rolling, coating) not included';

const PLASTICS_TABLE =
  'Hopewell et al. 2009, Table 3 "LCI data cradle-to-gate (EU data)", column "CO2-e (t tonne−1)"';

const PLASTICS_BOUNDARY =
  'cradle-to-gate polymer: production of raw materials, intermediates and the polymer; further processing and ' +
  'logistics excluded (Table 3 note)';

const PLASTICS_YEAR_NOTE =
  'Table 3 cites PlasticsEurope 2008a; PlasticsEurope EPDs of the same period state a European industry average ' +
  'for reference year 2005 (seen for LDPE and LLDPE), used here as the data year for all four polymers.';

const USLCI_SECONDARY_ALUMINIUM =
  'USLCI "Aluminum, secondary ingot, at plant" (bcc68f88-debb-3fc3-93ee-5ceadcef0b14), exchange per 1,000 kg ' +
  'of ingot';

const ISTRATE_TABLE =
  'Istrate et al. 2024, data/results/fig2_total_ghgs_30-07-2024.csv (column "Climate change", kg CO2-eq per kg; ' +
  'the same totals are printed in notebooks/01_ghg_breakdown.ipynb)';

const ISTRATE_GWP =
  'IPCC 2021 (AR6) GWP100, "IPCC 2021 — climate change: including SLCFs" as set in notebooks/01_ghg_breakdown.ipynb';

const ISTRATE_BOUNDARY =
  'cradle-to-gate battery-grade lithium chemical: mining, concentration and refining, with ecoinvent 3.10 ' +
  'cut-off background data';

/** The material datasets (kg of product as reference unit throughout). */
export const materialDatasets: StarterDataset[] = [
  {
    id: 'steel-crude-bf-bof-glo-2022',
    name: 'Crude steel, blast furnace – basic oxygen furnace route',
    nameZh: '粗钢(高炉-转炉长流程)',
    category: 'Materials/Metals/Steel',
    product: { name: 'crude steel, BF-BOF', nameZh: '粗钢(高炉-转炉)', unit: 'kg' },
    geography: 'GLO',
    year: 2022,
    boundary: WORLDSTEEL_BOUNDARY,
    emissions: [
      {
        flow: 'co2-fossil',
        amount: 2.33,
        derivation: `2.33 t CO2/t crude steel, ${WORLDSTEEL_ROUTES}; 2.33 t/t = 2.33 kg/kg.`,
      },
    ],
    sourceId: 'worldsteel-sustainability-indicators-2023',
    description:
      'Average CO2 intensity of the BF-BOF route among companies reporting to worldsteel for fiscal year 2022 ' +
      '(about 53% of world crude steel). CO2 only; other gases and rolled products are not covered.',
  },
  {
    id: 'steel-crude-scrap-eaf-glo-2022',
    name: 'Crude steel, scrap-based electric arc furnace route',
    nameZh: '粗钢(废钢-电炉短流程)',
    category: 'Materials/Metals/Steel',
    product: { name: 'crude steel, scrap-EAF', nameZh: '粗钢(废钢电炉)', unit: 'kg' },
    geography: 'GLO',
    year: 2022,
    boundary: WORLDSTEEL_BOUNDARY,
    emissions: [
      {
        flow: 'co2-fossil',
        amount: 0.68,
        derivation: `0.68 t CO2/t crude steel, ${WORLDSTEEL_ROUTES}; 0.68 t/t = 0.68 kg/kg.`,
      },
    ],
    sourceId: 'worldsteel-sustainability-indicators-2023',
    description:
      'Average CO2 intensity of the scrap-based EAF route among worldsteel reporting companies, fiscal year ' +
      '2022. CO2 only; which indirect (electricity, purchased inputs) CO2 is counted follows the worldsteel ' +
      'indicator definition, not reviewed here.',
  },
  {
    id: 'steel-crude-dri-eaf-glo-2022',
    name: 'Crude steel, direct reduced iron – electric arc furnace route',
    nameZh: '粗钢(直接还原铁-电炉)',
    category: 'Materials/Metals/Steel',
    product: { name: 'crude steel, DRI-EAF', nameZh: '粗钢(直接还原铁电炉)', unit: 'kg' },
    geography: 'GLO',
    year: 2022,
    boundary: WORLDSTEEL_BOUNDARY,
    emissions: [
      {
        flow: 'co2-fossil',
        amount: 1.37,
        derivation: `1.37 t CO2/t crude steel, ${WORLDSTEEL_ROUTES}; 1.37 t/t = 1.37 kg/kg.`,
      },
    ],
    sourceId: 'worldsteel-sustainability-indicators-2023',
    description:
      'Average CO2 intensity of the DRI-based EAF route among worldsteel reporting companies, fiscal year ' +
      '2022. CO2 only.',
  },
  {
    id: 'aluminium-primary-cast-glo-2022',
    name: 'Primary aluminium, cast, global average',
    nameZh: '原铝(铸锭,全球平均)',
    category: 'Materials/Metals/Aluminium',
    product: { name: 'primary aluminium, cast', nameZh: '原铝铸锭', unit: 'kg' },
    geography: 'GLO',
    year: 2022,
    boundary:
      'cradle-to-gate: bauxite mining, alumina refining, anode production, electrolysis and casting; electricity, ' +
      'direct CO2 and non-CO2 (PFC) emissions, thermal energy, transport and ancillary materials',
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount: 15.1,
        derivation:
          '15.1 t CO2e per tonne of primary aluminium in 2022 (down 4.4% from 15.8 in 2021), IAI release on 2022 ' +
          'data as reprinted by the Australian Aluminium Council (aluminium.org.au, 28 Feb 2024) and ' +
          'Aluminium International Today; same 2022 value in the IAI series quoted by Reuters; boundary from the ' +
          'IAI statistics page "System Boundary"; 15.1 t/t = 15.1 kg/kg.',
      },
    ],
    sourceId: 'iai-ghg-intensity-primary-aluminium',
    gwpBasis: 'not stated by the source (IAI reports CO2e; background data from GaBi)',
    description:
      'Global average GHG intensity of cast primary aluminium, including informed estimates for non-reporting ' +
      'smelters. Recycled (secondary) aluminium is not covered.',
  },
  {
    id: 'flat-glass-us-2019',
    name: 'Flat glass (float), unprocessed, US industry average',
    nameZh: '平板玻璃(浮法,未加工,美国行业平均)',
    category: 'Materials/Glass',
    product: { name: 'flat glass, unprocessed annealed', nameZh: '平板玻璃(未加工退火)', unit: 'kg' },
    geography: 'US',
    year: 2019,
    boundary:
      'cradle-to-gate (EPD production stage) of clear, tinted and low-iron flat glass in an unprocessed annealed ' +
      'state; coated, heat-treated or otherwise processed glass excluded',
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount: 1.43,
        derivation:
          'GWP 1,430 kg CO2e per metric ton, NGA industry-average EPD ASTM-EPD121 (industry average quoted by ' +
          'Vitro, vitroglazings.com "Embodied Carbon and Glass"; the same 1.43 MT CO2 eq./MT is the California ' +
          'DGS Buy Clean limit that NGA and DGS state equals the industry-wide EPD average); ' +
          '1,430 kg / 1,000 kg = 1.43 kg CO2e/kg.',
      },
    ],
    sourceId: 'nga-flat-glass-epd-2019',
    gwpBasis: 'not stated in the sources seen (US EPD under the GANA/NGA flat glass PCR)',
    description:
      'Industry-average EPD of four US float glass makers (AGC, Guardian, NSG Pilkington, Vitro). The data ' +
      'reference year was not seen; 2019 is the issue year of the EPD, which expired in December 2024.',
  },
  {
    id: 'pet-resin-rer-2005',
    name: 'Polyethylene terephthalate (PET) resin, European average',
    nameZh: '聚对苯二甲酸乙二醇酯(PET)树脂,欧洲平均',
    category: 'Materials/Plastics',
    product: { name: 'PET resin', nameZh: 'PET树脂', unit: 'kg' },
    geography: 'RER',
    year: 2005,
    boundary: PLASTICS_BOUNDARY,
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount: 3.4,
        derivation: `3.4 t CO2-e per tonne, ${PLASTICS_TABLE}, row PET; 3.4 t/t = 3.4 kg/kg.`,
      },
    ],
    sourceId: 'hopewell-2009-plastics-recycling',
    gwpBasis: 'GWP 100-year (Table 3 footnote a; IPCC report not stated)',
    description: `European industry average PET from PlasticsEurope eco-profile data. ${PLASTICS_YEAR_NOTE}`,
  },
  {
    id: 'hdpe-resin-rer-2005',
    name: 'High-density polyethylene (HDPE) resin, European average',
    nameZh: '高密度聚乙烯(HDPE)树脂,欧洲平均',
    category: 'Materials/Plastics',
    product: { name: 'HDPE resin', nameZh: 'HDPE树脂', unit: 'kg' },
    geography: 'RER',
    year: 2005,
    boundary: PLASTICS_BOUNDARY,
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount: 1.9,
        derivation: `1.9 t CO2-e per tonne, ${PLASTICS_TABLE}, row HDPE; 1.9 t/t = 1.9 kg/kg.`,
      },
    ],
    sourceId: 'hopewell-2009-plastics-recycling',
    gwpBasis: 'GWP 100-year (Table 3 footnote a; IPCC report not stated)',
    description: `European industry average HDPE from PlasticsEurope eco-profile data. ${PLASTICS_YEAR_NOTE}`,
  },
  {
    id: 'ldpe-resin-rer-2005',
    name: 'Low-density polyethylene (LDPE) resin, European average',
    nameZh: '低密度聚乙烯(LDPE)树脂,欧洲平均',
    category: 'Materials/Plastics',
    product: { name: 'LDPE resin', nameZh: 'LDPE树脂', unit: 'kg' },
    geography: 'RER',
    year: 2005,
    boundary: PLASTICS_BOUNDARY,
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount: 2.1,
        derivation: `2.1 t CO2-e per tonne, ${PLASTICS_TABLE}, row LDPE; 2.1 t/t = 2.1 kg/kg.`,
      },
    ],
    sourceId: 'hopewell-2009-plastics-recycling',
    gwpBasis: 'GWP 100-year (Table 3 footnote a; IPCC report not stated)',
    description: `European industry average LDPE from PlasticsEurope eco-profile data. ${PLASTICS_YEAR_NOTE}`,
  },
  {
    id: 'pp-resin-rer-2005',
    name: 'Polypropylene (PP) resin, European average',
    nameZh: '聚丙烯(PP)树脂,欧洲平均',
    category: 'Materials/Plastics',
    product: { name: 'PP resin', nameZh: 'PP树脂', unit: 'kg' },
    geography: 'RER',
    year: 2005,
    boundary: PLASTICS_BOUNDARY,
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount: 2.0,
        derivation: `2.0 t CO2-e per tonne, ${PLASTICS_TABLE}, row PP; 2.0 t/t = 2.0 kg/kg.`,
      },
    ],
    sourceId: 'hopewell-2009-plastics-recycling',
    gwpBasis: 'GWP 100-year (Table 3 footnote a; IPCC report not stated)',
    description: `European industry average PP from PlasticsEurope eco-profile data. ${PLASTICS_YEAR_NOTE}`,
  },
  {
    id: 'lithium-carbonate-brine-cl-2020',
    name: 'Lithium carbonate from Salar de Atacama brine',
    nameZh: '碳酸锂(智利阿塔卡马盐湖卤水)',
    category: 'Materials/Battery/Lithium',
    product: { name: 'lithium carbonate', nameZh: '碳酸锂', unit: 'kg' },
    geography: 'CL',
    year: 2020,
    boundary:
      'brine operations at the Salar de Atacama (12% of the total) and the lithium carbonate chemical plants ' +
      '(88%), as reported; further boundary details not seen',
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount: 4.022,
        derivation:
          '4,022 kg CO2 equivalent per tonne of lithium carbonate for 2020, Dictuc news page (also reported by ' +
          'escenariomundial.com, 30 Dec 2022); 4,022 kg / 1,000 kg = 4.022 kg CO2e/kg.',
      },
    ],
    sourceId: 'dictuc-2022-lithium-atacama',
    gwpBasis: 'not stated by the source',
    description:
      'Unit GHG emission of lithium carbonate produced from Atacama brines in 2020 (UC–Dictuc study). Spodumene-' +
      'based lithium carbonate and lithium hydroxide are not covered.',
  },
  {
    id: 'graphite-synthetic-battery-grade-glo-2022',
    name: 'Synthetic graphite, battery grade',
    nameZh: '人造石墨(电池级)',
    category: 'Materials/Battery/Anode',
    product: { name: 'synthetic graphite, battery grade', nameZh: '电池级人造石墨', unit: 'kg' },
    geography: 'GLO',
    year: 2022,
    boundary: 'cradle-to-gate synthetic graphite production, as modelled in the study inventory',
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount: 13.8,
        derivation:
          'GWP 13.8 kg CO2-eq/kg synthetic graphite (energy demand 45.9 MJ/kg), abstract of "Toward a life cycle ' +
          'inventory for graphite production", Journal of Industrial Ecology, as published on the Minviro blog ' +
          '(26 Jul 2022); already per kg.',
      },
    ],
    sourceId: 'jie-2022-graphite-lci',
    gwpBasis: 'not stated in the abstract',
    description:
      'Synthetic battery-grade graphite from a published inventory. The modelled region and data year were not ' +
      'seen in the abstract: geography is unspecified (GLO) and 2022 is the publication year.',
  },
  {
    id: 'cement-cementitious-glo-2011',
    name: 'Cementitious product, GNR participants average (direct CO2 only)',
    nameZh: '水泥类产品(GNR参与企业平均,仅直接CO2)',
    category: 'Materials/Construction/Cement',
    product: { name: 'cementitious product', nameZh: '水泥类产品', unit: 'kg' },
    geography: 'GLO',
    year: 2011,
    boundary:
      'specific net direct CO2 emissions per tonne of cementitious product at the cement plants (GNR definition); ' +
      'purchased electricity, upstream materials and transport excluded',
    emissions: [
      {
        flow: 'co2-fossil',
        amount: 0.629,
        derivation:
          '629 kg CO2 per tonne of cementitious product in 2011 (756 kg/t in 1990), WBCSD CSI GNR 2011 update as ' +
          'reported by CemNet, Global Cement and Concrete Products; 629 kg / 1,000 kg = 0.629 kg CO2/kg.',
      },
    ],
    sourceId: 'wbcsd-csi-gnr-2011',
    description:
      'Average of GNR participants (55% of cement production outside China in 2011). A gate-to-gate direct CO2 ' +
      'value, not a cradle-to-gate footprint: add electricity and upstream inputs when using it.',
  },
  {
    id: 'aluminium-secondary-ingot-rna-2010',
    name: 'Secondary (recycled) aluminium ingot, North American average',
    nameZh: '再生铝锭(北美平均)',
    category: 'Materials/Metals/Aluminium',
    product: { name: 'secondary aluminium ingot', nameZh: '再生铝锭', unit: 'kg' },
    geography: 'RNA',
    year: 2010,
    boundary:
      'cradle-to-gate secondary ingot: scrap sorting, cleaning and pre-processing, melting, alloying and casting, ' +
      'with energy supply and transport; scrap enters burden-free (cut-off: the dataset lists 1,044.6 kg ' +
      '"CUTOFF Aluminum, scrap" and secondary fuels without upstream burden)',
    emissions: [
      {
        flow: 'co2-fossil',
        amount: 634.39 / 1000,
        derivation: `${USLCI_SECONDARY_ALUMINIUM}: "Carbon dioxide, fossil" 634.39 kg; 634.39 / 1,000 = 0.63439 kg/kg.`,
      },
      {
        flow: 'ch4-fossil',
        amount: 1.0617 / 1000,
        derivation: `${USLCI_SECONDARY_ALUMINIUM}: "Methane, fossil" 1.0617 kg; 1.0617 / 1,000 = 0.0010617 kg/kg.`,
      },
      {
        flow: 'n2o',
        amount: 0.0064891 / 1000,
        derivation: `${USLCI_SECONDARY_ALUMINIUM}: "Dinitrogen monoxide" 0.0064891 kg; ÷ 1,000 = 6.4891e-6 kg/kg.`,
      },
      {
        flow: 'sf6',
        amount: 2.3869e-10 / 1000,
        derivation: `${USLCI_SECONDARY_ALUMINIUM}: "Sulfur hexafluoride" 2.3869e-10 kg; ÷ 1,000 = 2.3869e-13 kg/kg.`,
      },
      {
        flow: 'co2-uptake',
        amount: 6.8583 / 1000,
        derivation:
          `${USLCI_SECONDARY_ALUMINIUM}: resource input "Carbon dioxide, in air" 6.8583 kg (biomass in the ` +
          'background energy supply); 6.8583 / 1,000 = 0.0068583 kg/kg.',
      },
      {
        flow: 'co2e-preaggregated',
        amount: (0.0010868 * 7380 + 1.498e-4 * 12400) / 1000,
        derivation:
          `${USLCI_SECONDARY_ALUMINIUM}: PFCs "Methane, tetrafluoro-, FC-14" 0.0010868 kg and "Ethane, ` +
          'hexafluoro-, HFC-116" 1.498e-4 kg, weighted with IPCC AR6 GWP100 (CF4 7,380, C2F6 12,400) because the ' +
          'starter flows have no PFC key: (0.0010868 × 7,380 + 1.498e-4 × 12,400) / 1,000 = 0.009878104 kg CO2e/kg.',
      },
    ],
    sourceId: 'uslci-aluminum-secondary-ingot',
    gwpBasis:
      'IPCC AR6 GWP100 for the PFC share only (applied by OpenCFP to the masses in the dataset); all other gases ' +
      'are given by species',
    description:
      'North American secondary aluminium ingot from scrap (Aluminum Association survey, 2010 reference year). ' +
      'With AR6 GWP100 the gases add up to about 0.671 kg CO2e/kg, the value the OpenCFP engine computes for the ' +
      'USLCI dataset; trace halocarbons (HFC-23, CFC-114, HFC-245fa …, about 2.3e-6 kg CO2e/kg together) are ' +
      'left out.',
  },
  {
    id: 'lithium-hydroxide-spodumene-cn-2024',
    name: 'Lithium hydroxide, battery grade, from Australian spodumene refined in China',
    nameZh: '电池级氢氧化锂(澳大利亚锂辉石,中国精炼)',
    category: 'Materials/Battery/Lithium',
    product: { name: 'lithium hydroxide, battery grade', nameZh: '电池级氢氧化锂', unit: 'kg' },
    geography: 'CN',
    year: 2024,
    boundary: ISTRATE_BOUNDARY,
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount: 17.237322942113362,
        derivation:
          `${ISTRATE_TABLE}, row "Lithium, spodumene" = ecoinvent-based activity "lithium hydroxide production, ` +
          'from Australian spodumene" (reference product "lithium hydroxide, battery grade", location CN), ' +
          'business-as-usual case: 17.237322942113362; already per kg.',
      },
    ],
    sourceId: 'istrate-2024-lib-raw-materials',
    gwpBasis: ISTRATE_GWP,
    description:
      'Spodumene mined and concentrated in Australia and converted to battery-grade lithium hydroxide in China, ' +
      'as modelled by Istrate et al. (2024). The data reference year was not seen; 2024 is the publication year.',
  },
  {
    id: 'lithium-hydroxide-brine-cl-2024',
    name: 'Lithium hydroxide, battery grade, from Salar de Atacama brine',
    nameZh: '电池级氢氧化锂(智利阿塔卡马盐湖卤水)',
    category: 'Materials/Battery/Lithium',
    product: { name: 'lithium hydroxide, battery grade', nameZh: '电池级氢氧化锂', unit: 'kg' },
    geography: 'CL',
    year: 2024,
    boundary: ISTRATE_BOUNDARY,
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount: 7.702184421104804,
        derivation:
          `${ISTRATE_TABLE}, row "Lithium, brine" = activity "lithium hydroxide production, Salar de Atacama" ` +
          '(reference product "lithium hydroxide, battery grade", location CL), business-as-usual case: ' +
          '7.702184421104804; already per kg.',
      },
    ],
    sourceId: 'istrate-2024-lib-raw-materials',
    gwpBasis: ISTRATE_GWP,
    description:
      'Battery-grade lithium hydroxide from Salar de Atacama brine (Chile), as modelled by Istrate et al. (2024). ' +
      'The data reference year was not seen; 2024 is the publication year.',
  },
  {
    id: 'lithium-carbonate-spodumene-cn-2024',
    name: 'Lithium carbonate, battery grade, from Australian spodumene refined in China',
    nameZh: '电池级碳酸锂(澳大利亚锂辉石,中国精炼)',
    category: 'Materials/Battery/Lithium',
    product: { name: 'lithium carbonate, battery grade', nameZh: '电池级碳酸锂', unit: 'kg' },
    geography: 'CN',
    year: 2024,
    boundary: ISTRATE_BOUNDARY,
    emissions: [
      {
        flow: 'co2e-preaggregated',
        amount: 24.105141972718634,
        derivation:
          `${ISTRATE_TABLE}, row "Lithium, spodumene - carbonate" = activity "lithium carbonate production, from ` +
          'Australian spodumene" (reference product "lithium carbonate, battery grade", location CN), business-as-' +
          'usual case: 24.105141972718634; already per kg.',
      },
    ],
    sourceId: 'istrate-2024-lib-raw-materials',
    gwpBasis: ISTRATE_GWP,
    description:
      'Spodumene-based battery-grade lithium carbonate converted in China, as modelled by Istrate et al. (2024); ' +
      'the brine-based carbonate is the Dictuc dataset above. The data reference year was not seen; 2024 is the ' +
      'publication year.',
  },
];
