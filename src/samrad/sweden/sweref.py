"""SWEREF 99 TM (EPSG:3006, metres) to and from WGS 84 latitude/longitude, in pure Python.

Swedish GIS data, such as a region's list of cultural meeting places, is usually in SWEREF 99 TM, and the shipped
boundaries are stored in it (a conformal projection made for Sweden, so maps drawn from it keep their shapes).
These are Lantmäteriet's published Gauss–Krüger formulas, accurate to well under a metre in Sweden.
"""

import math

_A = 6378137.0
_F = 1 / 298.257222101  # GRS 80
_K0 = 0.9996
_LON0 = math.radians(15.0)
_FALSE_EASTING = 500000.0

_E2 = _F * (2 - _F)
_N = _F / (2 - _F)
_A_ROOF = _A / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)

# Inverse (grid to geodetic).
_DELTA = (
    _N / 2 - 2 * _N**2 / 3 + 37 * _N**3 / 96 - _N**4 / 360,
    _N**2 / 48 + _N**3 / 15 - 437 * _N**4 / 1440,
    17 * _N**3 / 480 - 37 * _N**4 / 840,
    4397 * _N**4 / 161280,
)
_ASTAR = _E2 + _E2**2 + _E2**3 + _E2**4
_BSTAR = -(7 * _E2**2 + 17 * _E2**3 + 30 * _E2**4) / 6
_CSTAR = (224 * _E2**3 + 889 * _E2**4) / 120
_DSTAR = -(4279 * _E2**4) / 1260

# Forward (geodetic to grid).
_BETA = (
    _N / 2 - 2 * _N**2 / 3 + 5 * _N**3 / 16 + 41 * _N**4 / 180,
    13 * _N**2 / 48 - 3 * _N**3 / 5 + 557 * _N**4 / 1440,
    61 * _N**3 / 240 - 103 * _N**4 / 140,
    49561 * _N**4 / 161280,
)
_FA = _E2
_FB = (5 * _E2**2 - _E2**3) / 6
_FC = (104 * _E2**3 - 45 * _E2**4) / 120
_FD = (1237 * _E2**4) / 1260


def to_wgs84(northing: float, easting: float) -> tuple[float, float]:
    """(latitude, longitude) in degrees."""
    xi = northing / (_K0 * _A_ROOF)
    eta = (easting - _FALSE_EASTING) / (_K0 * _A_ROOF)
    xi_p, eta_p = xi, eta
    for j, d in enumerate(_DELTA, start=1):
        xi_p -= d * math.sin(2 * j * xi) * math.cosh(2 * j * eta)
        eta_p -= d * math.cos(2 * j * xi) * math.sinh(2 * j * eta)
    phi_star = math.asin(math.sin(xi_p) / math.cosh(eta_p))
    d_lambda = math.atan(math.sinh(eta_p) / math.cos(xi_p))
    s2 = math.sin(phi_star) ** 2
    phi = phi_star + math.sin(phi_star) * math.cos(phi_star) * (_ASTAR + _BSTAR * s2 + _CSTAR * s2**2 + _DSTAR * s2**3)
    return math.degrees(phi), math.degrees(_LON0 + d_lambda)


def to_sweref(latitude: float, longitude: float) -> tuple[float, float]:
    """(northing, easting) in metres."""
    phi = math.radians(latitude)
    s2 = math.sin(phi) ** 2
    phi_star = phi - math.sin(phi) * math.cos(phi) * (_FA + _FB * s2 + _FC * s2**2 + _FD * s2**3)
    d_lambda = math.radians(longitude) - _LON0
    xi_p = math.atan2(math.tan(phi_star), math.cos(d_lambda))
    eta_p = math.atanh(math.cos(phi_star) * math.sin(d_lambda))
    x, y = xi_p, eta_p
    for j, b in enumerate(_BETA, start=1):
        x += b * math.sin(2 * j * xi_p) * math.cosh(2 * j * eta_p)
        y += b * math.cos(2 * j * xi_p) * math.sinh(2 * j * eta_p)
    return _K0 * _A_ROOF * x, _K0 * _A_ROOF * y + _FALSE_EASTING


def looks_like_sweref(first: float, second: float) -> bool:
    """Northing 6.1–7.7 million m and easting 0.2–1 million m: Sweden in SWEREF 99 TM."""
    return 6_100_000 <= first <= 7_700_000 and 200_000 <= second <= 1_000_000
