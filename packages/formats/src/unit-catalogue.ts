import { createHash } from 'node:crypto';
import type { FlowProperty, UnitGroup } from '@opencfp/core';

/** A unit of a catalogue group: `factor` is the amount of the group's reference unit in one of this unit. */
export interface CatalogueUnit {
  id: string;
  name: string;
  factor: number;
  /** Other spellings found in LCA data (EcoSpold 1/2, SimaPro, openLCA), matched by `lookup`. */
  synonyms?: readonly string[];
}

/** A unit group together with the flow property that uses it by default (one per group). */
export interface CatalogueGroup {
  id: string;
  name: string;
  flowPropertyId: string;
  flowPropertyName: string;
  /** Name of the unit with factor 1. */
  referenceUnit: string;
  units: readonly CatalogueUnit[];
}

/** What `lookup` finds for a unit name: the catalogue unit, its group, and the group's flow property. */
export interface UnitMatch {
  groupId: string;
  flowPropertyId: string;
  unitId: string;
  /** The catalogue's spelling of the unit (e.g. 't*km' for 'metric ton*km'). */
  unitName: string;
  /** Amount of the group's reference unit in one of this unit (kWh → 3.6 MJ). */
  factor: number;
}

// A stable UUID (version-5 layout) for units and groups that openLCA's reference data does not have, so ids
// stay the same from run to run and between readers.
function nameUuid(name: string): string {
  const h = createHash('sha1').update(`opencfp/unit-catalogue/${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

const u = (id: string | undefined, name: string, factor: number, ...synonyms: string[]): CatalogueUnit => ({
  id: id ?? nameUuid(name),
  name,
  factor,
  ...(synonyms.length > 0 ? { synonyms } : {}),
});

const YEAR_DAYS = 365;
const MILE = 1.609344; // km
const LB = 0.45359237; // kg

/**
 * The units of LCA data. Group, flow property and unit ids are those of openLCA's reference data (so flows read
 * from EcoSpold or SimaPro files share units with openLCA JSON-LD exports); units openLCA lacks get stable
 * name-based UUIDs. Factors are exact definitions (openLCA rounds some, e.g. 'lb av' 0.45).
 *
 * Deliberately left out: 'a' as the area unit are (written 'are' here; 'a' means year in LCA data), 'h' as the
 * length unit hand ('h' is hour), 'min' as the volume unit minim ('min' is minute), and currencies of different
 * years, which no fixed factor converts.
 */
export const UNIT_GROUPS: readonly CatalogueGroup[] = [
  {
    id: '93a60a57-a4c8-11da-a746-0800200c9a66',
    name: 'Units of mass',
    flowPropertyId: '93a60a56-a3c8-11da-a746-0800200b9a66',
    flowPropertyName: 'Mass',
    referenceUnit: 'kg',
    units: [
      u('20aadc24-a391-41cf-b340-3e4529f44bde', 'kg', 1, 'kilogram', 'kilograms'),
      u('e1317ffc-7f83-4a85-bc65-4fb229a25cf8', 'g', 1e-3, 'gram', 'grams'),
      u('b872a063-0500-42b7-9e5d-441642d84417', 'mg', 1e-6, 'milligram'),
      u('d01259b2-24c2-46af-a7fe-36dd025ead15', 'ug', 1e-9, 'µg', 'μg', 'microgram'),
      u('63214902-17d4-41a0-be10-d1cad375c32e', 'ng', 1e-12),
      u('68c83ad3-bc5b-414a-81f7-5b47af2c8a23', 'pg', 1e-15),
      u('218bf752-ec01-43a9-b87c-0e733374fffd', 'cg', 1e-5),
      u('2ac22d0d-9e02-4459-9402-923490e4e1b4', 'dg', 1e-4),
      u('90d59045-3565-4c5a-bb27-ebc365aacbd0', 'dag', 1e-2),
      u('86dfd16d-d1d8-4b71-88af-0e1126425c77', 'hg', 0.1),
      u(
        '83192ffa-5990-490b-a23a-b45ca072db6f',
        't',
        1000,
        'ton',
        'tonne',
        'tonnes',
        'metric ton',
        'metric tons',
      ),
      u('d022bf34-1162-4579-90ab-dcca9620ce54', 'Mg', 1000, 'megagram'),
      u('e720c842-19f5-4a38-8573-78dd13719f5b', 'kt', 1e6, 'kton'),
      u('9dd23b40-4394-4f9a-9572-5f2ee9643864', 'Mt', 1e9, 'Mtn'),
      u('0300ec69-ce1a-45f0-bcf0-7b33845dc53e', 'lb av', LB, 'lb', 'lbs', 'pound', 'pounds'),
      u('fa44e424-f37b-419d-8475-723429d63c08', 'oz av', LB / 16, 'oz', 'ounce'),
      u('2457aee5-c7ee-4416-a65a-5be4ff2b2976', 'oz t', 0.0311034768, 'troy ounce'),
      u(
        'd4922696-9c95-4b5d-a876-425e98276978',
        'sh tn',
        2000 * LB,
        'tn.sh',
        'short ton',
        'short tons',
        'ton (US)',
      ),
      u('e5ccc940-eb40-41f9-847e-5ee691ba8c2f', 'long tn', 2240 * LB, 'tn.lg', 'long ton'),
      u('2a0b9356-a2dd-444f-991e-ce66cd174c9e', 'cwt', 100 * LB),
      u('78af80e7-ede4-4a65-b04d-97d9ce4f39d3', 'gr', 6.479891e-5, 'grain'),
      u('56f42b51-bb05-4dcd-a069-0693f167304c', 'dr (Av)', LB / 256),
      u('a3350a8a-5cb0-440d-9752-8afe8c08c455', 'dwt', 0.00155517384),
      u('ae5cced9-f9f1-4719-bd37-837b36013d96', 'ct', 2e-4, 'carat'),
      u('95dd50e9-c184-4412-9afc-9764b1ffcf8f', 'kg SWU', 1),
    ],
  },
  {
    id: '93a60a57-a3c8-11da-a746-0800200c9a66',
    name: 'Units of energy',
    flowPropertyId: 'f6811440-ee37-11de-8a39-0800200c9a66',
    flowPropertyName: 'Energy',
    referenceUnit: 'MJ',
    units: [
      u('52765a6c-3896-43c2-b2f4-c679acf13efe', 'MJ', 1, 'megajoule'),
      u('469d61f1-3bc4-4841-8adf-873825c1bc11', 'J', 1e-6, 'joule'),
      u('f4119718-2d50-47fe-9154-cab6fd2d30eb', 'kJ', 1e-3),
      u('01e58eb9-0aba-4c76-ba0c-03f6f3be1353', 'GJ', 1e3),
      u('57c492e7-d94b-4fcc-98df-cdc4163b754c', 'TJ', 1e6),
      u('ff1a332f-967c-4084-8b01-8d3ca81b3121', 'PJ', 1e9),
      u('fc3604f7-aa93-4aa3-8ae9-8f822874da5f', 'Wh', 0.0036),
      u('86ad2244-1f0e-4912-af53-7865283103e4', 'kWh', 3.6, 'kilowatt hour'),
      u('92e3bd49-8ed5-4885-9db6-fc88c7afcfcb', 'MWh', 3600),
      u(undefined, 'GWh', 3.6e6),
      u(undefined, 'TWh', 3.6e9),
      u('010f811e-3cc2-4b14-a901-337da9b3e49c', 'kcal', 0.0041868),
      u(undefined, 'Mcal', 4.1868),
      u(undefined, 'Gcal', 4186.8),
      u('55244053-94ba-404e-9172-cb279d905e00', 'btu', 0.001055056, 'Btu', 'BTU'),
      u(undefined, 'MMBtu', 1055.056, 'MMBTU', 'mmBtu'),
      u(undefined, 'therm', 105.5056),
      u('425aff51-b7e5-4561-aa5a-562ec103a79e', 'TOE', 41868, 'toe'),
      u('787f2ac9-7bcd-4a91-9fab-55bfe414138f', 'TCE', 29307.6, 'tce'),
    ],
  },
  {
    id: '93a60a57-a3c8-12da-a746-0800200c9a66',
    name: 'Units of volume',
    flowPropertyId: '93a60a56-a3c8-22da-a746-0800200c9a66',
    flowPropertyName: 'Volume',
    referenceUnit: 'm3',
    units: [
      u('1c3a9695-398d-4b1f-b07e-a8715b610f70', 'm3', 1, 'm³', 'kl', 'kL', 'cubic meter', 'cu.m'),
      u('b80a512e-e402-4363-8ad0-7d02dcf4a459', 'l', 1e-3, 'L', 'litre', 'liter', 'litres', 'liters'),
      u('2ea37335-f10b-4fcc-b4a9-0a742d651fa2', 'dm3', 1e-3, 'dm³'),
      u('46930fb7-8660-42a4-983e-19cf53da740b', 'cm3', 1e-6, 'cm³', 'ccm'),
      u('505845e0-3f71-46d4-acfa-8c4ed8d3c305', 'mm3', 1e-9, 'mm³'),
      u('81696a66-6919-4bbb-a3ab-c79b2900de7d', 'ml', 1e-6, 'mL'),
      u('ac4057f9-ec4a-4b31-9d3b-ff96969e50ff', 'cl', 1e-5, 'cL'),
      u('626c92d5-dcc2-40d4-b28b-4a4f82123740', 'dl', 1e-4, 'dL'),
      u('2d895297-8e96-45f1-b256-a6d4ccd4bbc4', 'dal', 1e-2, 'daL'),
      u('e24e5e7b-6c5c-4847-969d-7772ed5df017', 'hl', 0.1, 'hL'),
      u('df6987d7-afcc-4c92-ae2c-3ce3bc6f5578', 'ul', 1e-9, 'µl', 'µL', 'μl'),
      u('4669b8ce-894d-405a-95d1-3211accaa739', 'Nm3', 1, 'Nm³'),
      // ecoinvent's standard cubic metre of natural gas; like openLCA's Nm3 it is taken as 1 m³.
      u(undefined, 'Sm3', 1, 'Sm³'),
      u(
        '62eb6f51-0574-4489-ae1a-1bd806f6c2ac',
        'gal (US liq)',
        0.003785411784,
        'gal',
        'gallon',
        'gallons',
        'gal*',
        'gal (US fl)',
      ),
      u('8aa31dda-e324-469c-a29d-56476584f5ca', 'gal (Imp)', 0.00454609),
      u('c530708d-be50-4207-b536-23d0857210bf', 'gal (US dry)', 0.00440488377086),
      u('fea33583-ae83-4398-b7fb-7f90fd097269', 'qt (US liq)', 0.000946352946),
      u('2df86f1f-293e-4e07-9cde-34eebc6d2c5f', 'pt (US fl)', 0.000473176473),
      u('2d64c7e0-1167-42ec-9988-c441c261a35c', 'US fl oz', 2.95735295625e-5),
      u('07973a41-56b3-4e1b-a208-fd75a09fbd4b', 'cu ft', 0.028316846592, 'cuft', 'cu.ft', 'ft3', 'ft³'),
      u('6a7531d3-3b83-4dda-8b18-4e3528491f9e', 'in3', 1.6387064e-5, 'cu.in', 'in³'),
      u('9cd2a2c5-77a2-4b58-b893-b039dfe635ed', 'yd3', 0.764554857984, 'cu.yd', 'yd³'),
      u('91995a9e-3cb4-4fc9-a93b-8c618ff9b948', 'bbl', 0.158987294928, 'barrel'),
      u('5ec65531-6bb4-4990-a687-44e9ab8f3529', 'bsh (US)', 0.03523907016688, 'bushel'),
    ],
  },
  {
    id: '93a60a57-a3c8-18da-a746-0800200c9a66',
    name: 'Units of area',
    flowPropertyId: '93a60a56-a3c8-19da-a746-0800200c9a66',
    flowPropertyName: 'Area',
    referenceUnit: 'm2',
    units: [
      u('3ce61faa-5716-41c1-aef6-b5920054acc9', 'm2', 1, 'm²', 'sq.m'),
      u('0992b8e3-489a-46ea-8d71-1bf951ece5d0', 'mm2', 1e-6, 'mm²'),
      u('588613d5-6c8c-4ab6-8c69-ec5e20ef7881', 'cm2', 1e-4, 'cm²'),
      u('dc4bb818-ab06-4f65-ade9-a69a3ca116fd', 'dm2', 1e-2, 'dm²'),
      u('e114cd83-3e7f-4466-8028-761c0469f7c7', 'are', 100),
      u('debee4d9-bc47-4e35-8624-4957ecb75386', 'ha', 1e4, 'hectare', 'hectares'),
      u('b9a011a0-c9bf-459b-b105-2623d1b61ddf', 'km2', 1e6, 'km²'),
      u('cd277914-c68c-4be4-b7cf-cdf17a6e7f48', 'in2', 0.00064516, 'in²', 'sq.in'),
      u('c66d26f1-7946-4027-85f0-ac79222a59f1', 'ft2', 0.09290304, 'ft²', 'sq.ft'),
      u('6c4b1e4a-bf45-4385-a60c-12cc48ecbab5', 'yd2', 0.83612736, 'yd²', 'sq.yd'),
      u('8ee3bcbf-9e65-4f59-9b0b-40b504cbe345', 'ac', 4046.8564224, 'acre', 'acres', 'acre (US)'),
      u('20ce5f57-69b1-438b-a8e8-23089854d058', 'mi2', MILE * MILE * 1e6, 'mi²', 'sq.mi'),
      u('4689d28c-29f6-4f0a-ad03-0276f7070edd', 'nmi2', 1852 * 1852),
    ],
  },
  {
    id: '93a60a57-a3c8-20da-a746-0800200c9a66',
    name: 'Units of area*time',
    flowPropertyId: '93a60a56-a3c8-21da-a746-0800200c9a66',
    flowPropertyName: 'Area*time',
    referenceUnit: 'm2*a',
    units: [
      u(
        'c7266b67-4ea2-457f-b391-9b94e26e195a',
        'm2*a',
        1,
        'm2*year',
        'm2a',
        'm2y',
        'm2*yr',
        'm²*a',
        'm²a',
        'm2 a',
      ),
      u('b396b97c-29ab-409a-b6fa-2285589041bd', 'mm2*a', 1e-6, 'mm2a'),
      u('0d255e00-8aa1-434e-b6cd-43991a87d3fa', 'cm2*a', 1e-4, 'cm2a'),
      u('4866ec7b-6218-4783-87b4-cbd107280a85', 'ha*a', 1e4, 'ha*year', 'ha a', 'haa', 'ha*yr'),
      u('c8166ae2-b592-4eb9-b365-e384c8b79f3c', 'km2*a', 1e6, 'km2*year', 'km2a', 'km²*a', 'km²a'),
      u('00d8370e-2bf1-4f3b-81bb-f8f147e84819', 'm2*d', 1 / YEAR_DAYS, 'm2*day', 'm2d'),
      u('efbbab8b-eb92-4e39-bd5f-99951ffda6c3', 'ft2*a', 0.09290304, 'ft2a', 'ft²*a'),
      u('1c43f336-c84b-4f42-bbf7-b1b6f89e121a', 'mi2*a', MILE * MILE * 1e6, 'mi2a', 'mi²*a'),
    ],
  },
  {
    id: '93a60a57-a3c8-23da-a746-0800200c9a66',
    name: 'Units of volume*time',
    flowPropertyId: '441238a3-ba09-46ec-b35b-c30cfba746d1',
    flowPropertyName: 'Volume*time',
    referenceUnit: 'm3*a',
    units: [
      u('ee5f2241-18af-4444-b457-b275660e5a20', 'm3*a', 1, 'm3*year', 'm3a', 'm3y', 'm³*a', 'm3*yr'),
      u('f3a1ae74-9750-4199-acdc-2e7e0546e0a5', 'm3*d', 1 / YEAR_DAYS, 'm3*day', 'm3d', 'm³*d'),
      u('8c1fafa2-2b2e-4fef-9581-5de34ae87350', 'l*a', 1e-3, 'l*year'),
      u('9942703a-5962-4823-8ea3-7af06af9a21e', 'l*d', 1e-3 / YEAR_DAYS, 'l*day'),
      u('9e6a97bb-e0cf-4e4a-9f3a-37067740b421', 'cm3*a', 1e-6, 'cm3y', 'cm3*year'),
    ],
  },
  {
    id: '326eb58b-e5b3-4cea-b45a-2398c25109f8',
    name: 'Units of length*time',
    flowPropertyId: 'b7ffb330-95a8-4815-a78c-47fcdee3b768',
    flowPropertyName: 'Length*time',
    referenceUnit: 'm*a',
    units: [
      u('f7fe0af2-e764-4984-bb9f-2cbff6cd2f18', 'm*a', 1, 'm*year', 'ma', 'my', 'm*yr'),
      u('8cbb4edb-d76c-41f7-8b30-cc789217c954', 'km*a', 1000, 'km*year', 'kmy', 'kma'),
      u('7d082bce-60f5-4588-86bb-56e0dff1c8a8', 'mi*a', MILE * 1000, 'miy', 'mi*year'),
    ],
  },
  {
    id: '59f191d6-5dd3-4553-af88-1a32accfe308',
    name: 'Units of mass*time',
    flowPropertyId: '4e10f566-0358-489a-8e3a-d687b66c50e6',
    flowPropertyName: 'Mass*time',
    referenceUnit: 'kg*a',
    units: [
      u('b2ad404c-3e4f-4a7a-a604-46fb36654823', 'kg*a', 1, 'kg*year', 'kgy'),
      u('ab01fe47-d2c0-4308-adb1-e32df38d5a50', 'kg*d', 1 / YEAR_DAYS, 'kg*day', 'kgd'),
      u('2fdc0039-6c5e-489a-af77-b225684fa337', 'g*a', 1e-3, 'g*year'),
      u('23cc7a32-f08a-43df-a87c-66953eeeb3f5', 't*a', 1000, 't*year'),
      u('5209be3d-094e-4203-a074-06d7b75e9a38', 't*d', 1000 / YEAR_DAYS, 't*day'),
    ],
  },
  {
    id: '838aaa22-0117-11db-92e3-0800200c9a66',
    name: 'Units of length',
    flowPropertyId: '838aaa23-0117-11db-92e3-0800200c9a66',
    flowPropertyName: 'Length',
    referenceUnit: 'm',
    units: [
      u('3d314eab-ef11-4ff3-a35e-9bc5cd858694', 'm', 1, 'meter', 'metre', 'meters', 'metres'),
      u('9003179a-bf17-4e89-8fd7-a0c1c91ac189', 'um', 1e-6, 'µm', 'μm'),
      u('cc44768b-c0ce-4bc9-804a-c59b67d22e39', 'mm', 1e-3),
      u('d018183e-ea8c-4a41-a303-627c9b9b173d', 'cm', 1e-2),
      u('35b9b720-0518-4476-941e-282d9654161a', 'dm', 0.1),
      u('9428cdb2-e08e-46f9-a9aa-85cc11416b5f', 'dam', 10),
      u('0a025f54-0114-4548-a564-d91aa8eb8174', 'hm', 100),
      u('715ca68e-0ac5-4c4b-b557-fdc36623be88', 'km', 1000, 'kilometer', 'kilometre'),
      u('030e99e1-2237-483c-8447-8b3a256d8b0d', 'in', 0.0254, 'inch', 'inches'),
      u('f7905d3f-904d-4fdb-829e-54a72fb4c98e', 'ft', 0.3048, 'foot', 'feet'),
      u('a16960ba-31e2-4fe9-82fe-219013f4708f', 'yd', 0.9144, 'yard', 'yards'),
      u('4a51d52b-f94f-4168-a38c-c612f14b8a2d', 'mi', MILE * 1000, 'mile', 'miles'),
      u('1f112940-6c27-4c75-828a-46d548d71cff', 'nmi', 1852, 'nautical mile'),
      u('1135c9c8-05e9-4831-9eb2-e1c4759f218d', 'fur', 201.168, 'furlong'),
      u('127eddde-af81-4d0d-88f3-123c0b65d971', 'ch', 20.1168, 'chain'),
      u('31ace5ab-d905-46ef-b958-caa2e65d6424', 'ftm', 1.8288, 'fathom'),
    ],
  },
  {
    id: '838aaa21-0117-11db-92e3-0800200c9a66',
    name: 'Units of mass*length',
    flowPropertyId: '838aaa20-0117-11db-92e3-0800200c9a66',
    flowPropertyName: 'Goods transport (mass*distance)',
    referenceUnit: 't*km',
    units: [
      u(
        '0dea4ed8-bb6b-4049-b2b4-b2c413ef2180',
        't*km',
        1,
        'tkm',
        'metric ton*km',
        'ton*km',
        'tonne*km',
        'tonne km',
        't km',
        'tonkm',
      ),
      u('a40229e6-7275-42e3-a304-23d590044770', 'kg*km', 1e-3, 'kgkm'),
      u('097768e6-0763-4126-a253-e323cafdf77e', 'kt*km', 1000, 'ktkm'),
      u('3cc51ae9-b993-4a3d-964e-0aed8d7f3966', 't*mi', MILE, 'tmi', 'metric ton*mi'),
      u(
        'a1a47f82-68da-442b-9d9f-f8b1717dbe32',
        'sh tn*mi',
        (2000 * LB * MILE) / 1000,
        'tmi*',
        'short ton*mi',
        'ton*mi',
      ),
      u('7dd57df4-c092-41aa-966e-c93a27797ea1', 't*nmi', 1.852, 'tnmi'),
      u('5458351a-f6f7-4e0b-a449-823c9b6374db', 'lb*mi', (LB * MILE) / 1000, 'lbmi'),
      u('d24270f0-c1f2-49ec-a6bf-e86a74177070', 'lb*nmi', (LB * 1.852) / 1000),
    ],
  },
  {
    id: '11d161f0-37e3-4d49-bf7a-ff4f31a9e5c7',
    name: 'Units of person transport',
    flowPropertyId: '8766e10f-9f41-4db0-8173-ad0d002a5b98',
    flowPropertyName: 'Person transport',
    referenceUnit: 'p*km',
    units: [
      u(
        'fe8da65d-f0ea-4496-b13e-1955aaa412d7',
        'p*km',
        1,
        'person*km',
        'pkm',
        'personkm',
        'pers*km',
        'passenger*km',
        'p km',
      ),
      u('702d94e7-fbae-4a99-a2f5-b26db21126d6', 'p*mi', MILE, 'pmi', 'person*mi', 'personmi'),
    ],
  },
  {
    id: 'af16ae7e-3e04-408a-b8ae-5b3666dbe7f9',
    name: 'Units of vehicle transport',
    flowPropertyId: 'ecbe0a5d-f397-4b74-993d-32d231e4bcf9',
    flowPropertyName: 'Vehicle transport',
    referenceUnit: 'v*km',
    units: [
      u('19a89180-e40c-4f6b-bcd3-d7347566d1e7', 'v*km', 1, 'vkm', 'vehicle*km', 'vehiclekm'),
      u(undefined, 'v*mi', MILE, 'vmi', 'vehicle*mi'),
    ],
  },
  {
    id: '93a60a57-a3c8-16da-a746-0800200c9a66',
    name: 'Units of radioactivity',
    flowPropertyId: '93a60a56-a3c8-17da-a746-0800200c9a66',
    flowPropertyName: 'Radioactivity',
    referenceUnit: 'kBq',
    units: [
      u('e9773595-284e-46dd-9671-5fc9ff406833', 'kBq', 1, 'kilo Bq', 'kilobecquerel'),
      u('ac324d87-9961-463a-81a1-099bb0f7d89b', 'Bq', 1e-3, 'becquerel'),
      u('e2987dad-3b7e-451e-82df-fe91756e752a', 'mBq', 1e-6),
      u('a9736781-d59e-43dc-8584-147b50595c1c', 'µBq', 1e-9, 'uBq'),
      u('df1ceca8-2d2a-46fa-91c1-24e5dd0f248f', 'nBq', 1e-12),
      u(undefined, 'MBq', 1e3),
      u(undefined, 'GBq', 1e6),
      u(undefined, 'TBq', 1e9),
      u('a45722ee-fc30-4bb1-aa95-5c8fb56c6bfb', 'Rutherford', 1000, 'Rd'),
      u('ef6d9358-a156-4c73-b678-320ddee7d2eb', 'Ci', 3.7e7, 'curie'),
      u(undefined, 'mCi', 3.7e4),
      u(undefined, 'µCi', 37, 'uCi'),
      u(undefined, 'nCi', 0.037),
      u(undefined, 'pCi', 3.7e-5),
    ],
  },
  {
    id: '5beb6eed-33a9-47b8-9ede-1dfe8f679159',
    name: 'Units of items',
    flowPropertyId: '01846770-4cfe-4a25-8ad9-919d8d378345',
    flowPropertyName: 'Number of items',
    referenceUnit: 'Item(s)',
    units: [
      u(
        '6dabe201-aaac-4509-92f0-d00c26cb72ab',
        'Item(s)',
        1,
        'unit',
        'units',
        'item',
        'items',
        'p',
        'pcs',
        'pc',
        'piece',
        'pieces',
        'Stk',
        'LU',
        'pig place',
      ),
      u('3bd6c6c3-bb61-46f3-b19a-c87ac5502bb7', 'Dozen(s)', 12, 'dozen', 'doz'),
    ],
  },
  {
    id: 'af638906-3ec7-4314-8de7-f76039f2dd01',
    name: 'Units of time',
    flowPropertyId: 'c0447923-0e60-4b3c-97c2-a86dddd9eea5',
    flowPropertyName: 'Duration',
    referenceUnit: 'd',
    units: [
      u('11074cfd-08a4-449b-adad-18ce24a1b275', 'd', 1, 'day', 'days'),
      u('227a54d9-44e7-468c-b8bb-f2dd1ae68c7a', 'h', 1 / 24, 'hour', 'hours', 'hr', 'hrs'),
      u('9fa94e47-03bd-4ad1-8726-e10cfb6dbb7a', 'min', 1 / 1440, 'minute', 'minutes'),
      u('845178d8-3f2c-497f-9ca6-3c5657c2823c', 's', 1 / 86400, 'sec', 'second', 'seconds'),
      u(undefined, 'wk', 7, 'week', 'weeks'),
      u('9a87f840-752d-4863-b911-533f92ee5073', 'a', YEAR_DAYS, 'year', 'years', 'yr', 'y'),
    ],
  },
  {
    id: nameUuid('group/guest night'),
    name: 'Units of guest nights',
    flowPropertyId: nameUuid('property/guest night'),
    flowPropertyName: 'Guest nights',
    referenceUnit: 'guest night',
    units: [u(undefined, 'guest night', 1, 'guest nights', 'overnight stay')],
  },
  {
    id: nameUuid('group/EUR2005'),
    name: 'Units of currency (EUR 2005)',
    flowPropertyId: nameUuid('property/EUR2005'),
    flowPropertyName: 'Market value (EUR 2005)',
    referenceUnit: 'EUR2005',
    units: [u(undefined, 'EUR2005', 1, 'EUR 2005')],
  },
];

interface Entry {
  group: CatalogueGroup;
  unit: CatalogueUnit;
}

/** Spelling-insensitive form of a unit name: no spaces, '²'/'³' as digits, '·'/'×' as '*'. */
function normalize(name: string): string {
  return name
    .trim()
    .replace(/[²]/g, '2')
    .replace(/[³]/g, '3')
    .replace(/μ/g, 'µ')
    .replace(/[·×]/g, '*')
    .replace(/\s+/g, '');
}

function match(entry: Entry): UnitMatch {
  return {
    groupId: entry.group.id,
    flowPropertyId: entry.group.flowPropertyId,
    unitId: entry.unit.id,
    unitName: entry.unit.name,
    factor: entry.unit.factor,
  };
}

/**
 * Finds units by the names LCA data uses for them and builds the model's unit groups and flow properties. One
 * catalogue is shared by the EcoSpold 1, EcoSpold 2 and SimaPro CSV readers, so the same unit gets the same id
 * whichever format it came from.
 *
 * Lookup order: the exact name or synonym; then spacing and '²'/'³'/'·' ignored; then also case ignored, but
 * only where that is unambiguous ('MJ' and 'mJ' are not confused, nor 'Mg' and 'mg').
 *
 * @example
 * const kwh = unitCatalogue.lookup('kWh'); // { groupId: <energy>, unitName: 'kWh', factor: 3.6, … }
 * const { unitGroups, flowProperties } = unitCatalogue.build([kwh.groupId]);
 */
export class UnitCatalogue {
  private readonly exact = new Map<string, Entry>();
  private readonly normalized = new Map<string, Entry>();
  /** Lower-cased normalized names; `null` marks a name two different units share. */
  private readonly folded = new Map<string, Entry | null>();
  private readonly groups = new Map<string, CatalogueGroup>();
  private readonly ids = new Map<string, Entry>();

  constructor(groups: readonly CatalogueGroup[] = UNIT_GROUPS) {
    for (const group of groups) {
      if (this.groups.has(group.id)) throw new Error(`unit catalogue: duplicate group id ${group.id}`);
      this.groups.set(group.id, group);
      for (const unit of group.units) this.ids.set(unit.id, { group, unit });
      if (!group.units.some((x) => x.name === group.referenceUnit && x.factor === 1))
        throw new Error(
          `unit catalogue: group ${group.name} has no reference unit ${group.referenceUnit} of factor 1`,
        );
    }
    // Names first, then synonyms, so a synonym never shadows another unit's own name.
    for (const pass of ['names', 'synonyms'] as const)
      for (const group of groups)
        for (const unit of group.units) {
          const names = pass === 'names' ? [unit.name] : (unit.synonyms ?? []);
          for (const name of names) this.add(name, { group, unit }, pass === 'names');
        }
  }

  private add(name: string, entry: Entry, isName: boolean): void {
    const existing = this.exact.get(name);
    if (existing && existing.unit !== entry.unit) {
      if (isName) throw new Error(`unit catalogue: two units are named '${name}'`);
      return;
    }
    this.exact.set(name, entry);
    const n = normalize(name);
    if (!this.normalized.has(n)) this.normalized.set(n, entry);
    const f = n.toLowerCase();
    const folded = this.folded.get(f);
    if (folded === undefined) this.folded.set(f, entry);
    else if (folded !== null && folded.unit !== entry.unit) this.folded.set(f, null);
  }

  /**
   * The unit named `name` (or one of its synonyms), or undefined when the catalogue does not know it.
   *
   * @example
   * unitCatalogue.lookup('metric ton*km')?.unitName; // 't*km'
   * unitCatalogue.lookup('kg')?.factor;              // 1
   */
  lookup(name: string): UnitMatch | undefined {
    const entry =
      this.exact.get(name) ??
      this.normalized.get(normalize(name)) ??
      this.folded.get(normalize(name).toLowerCase()) ??
      undefined;
    return entry && match(entry);
  }

  /**
   * The unit with this id (the catalogue's ids are openLCA's), or undefined.
   *
   * @example
   * unitCatalogue.lookupId('20aadc24-a391-41cf-b340-3e4529f44bde')?.unitName; // 'kg'
   */
  lookupId(unitId: string): UnitMatch | undefined {
    const entry = this.ids.get(unitId);
    return entry && match(entry);
  }

  /** A catalogue group by id. */
  group(groupId: string): CatalogueGroup | undefined {
    return this.groups.get(groupId);
  }

  /** Every group of the catalogue. */
  get allGroups(): CatalogueGroup[] {
    return [...this.groups.values()];
  }

  /**
   * Model objects for the given groups (unknown ids are ignored, duplicates collapsed): each group with all its
   * units, and its flow property. Fresh objects on every call, so callers may change them.
   *
   * @example
   * const used = new Set([unitCatalogue.lookup('kg')!.groupId]);
   * const { unitGroups, flowProperties } = unitCatalogue.build(used);
   */
  build(groupIds: Iterable<string>): { unitGroups: UnitGroup[]; flowProperties: FlowProperty[] } {
    const unitGroups: UnitGroup[] = [];
    const flowProperties: FlowProperty[] = [];
    const seen = new Set<string>();
    for (const id of groupIds) {
      const group = this.groups.get(id);
      if (!group || seen.has(id)) continue;
      seen.add(id);
      const reference = group.units.find((x) => x.name === group.referenceUnit) as CatalogueUnit;
      unitGroups.push({
        id: group.id,
        name: group.name,
        referenceUnitId: reference.id,
        defaultFlowPropertyId: group.flowPropertyId,
        units: group.units.map((x) => ({
          id: x.id,
          name: x.name,
          factor: x.factor,
          ...(x.synonyms ? { synonyms: [...x.synonyms] } : {}),
        })),
      });
      flowProperties.push({ id: group.flowPropertyId, name: group.flowPropertyName, unitGroupId: group.id });
    }
    return { unitGroups, flowProperties };
  }
}

/** The shared catalogue of {@link UNIT_GROUPS}. */
export const unitCatalogue = new UnitCatalogue();
