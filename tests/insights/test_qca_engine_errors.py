"""The engine's work limit reaches the analysis page in its language, by type (the engine
itself speaks English)."""

from django.utils import translation

from koers.analysis import TooMuchWork
from koers.insights.engine_messages import engine_message
from koers.insights.qca import AnalysisSettings


def test_too_much_work_says_to_choose_fewer_factors_in_dutch():
    settings = AnalysisSettings(factors=(1, 2, 3, 4, 5, 6, 7, 8, 9))
    exc = TooMuchWork("Too many conditions to minimise", conditions=9)
    with translation.override("nl"):
        message = engine_message(exc, settings)
    assert message == (
        "9 factoren tegelijk vergelijken kost meer rekenwerk dan de analyse toestaat. "
        "Kies minder factoren."
    )
