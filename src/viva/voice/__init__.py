"""The voice edge: espeak-ng speaks, pocketsphinx listens, WAV files stand in for devices.

Nothing here is imported by the text coach; pocketsphinx loads only when something listens.
"""
